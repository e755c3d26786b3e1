namespace VcfTasks.Simulator.Tests;

/// <summary>
/// A clock the test moves by hand, for state that the simulator derives from time (a retried
/// task's steps, token expiry): the test then observes each state exactly, however slow the machine.
/// </summary>
internal sealed class ManualClock : TimeProvider
{
    // Read by the server's threads while the test moves it: a DateTimeOffset is not written atomically.
    private readonly object _gate = new();
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}

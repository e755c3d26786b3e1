namespace VcfTasks.Simulator.Tests;

/// <summary>
/// A clock the test moves by hand, for state that the simulator derives from time (a retried
/// task's steps, token expiry): the test then observes each state exactly, however slow the machine.
/// </summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

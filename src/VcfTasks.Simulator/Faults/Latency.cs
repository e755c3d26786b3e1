namespace VcfTasks.Simulator.Faults;

/// <summary>
/// The delay <c>--latency-ms</c> adds to each /v1 request, as a network round trip would. Each request waits on
/// its own timer, with no lock, so requests sent side by side wait side by side: N at once take one latency, not N.
/// </summary>
internal sealed class Latency(int milliseconds)
{
    private int _waiting;

    /// <summary>Requests waiting out their latency right now (what the overlap test watches).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public async Task WaitAsync(CancellationToken ct)
    {
        if (milliseconds <= 0)
        {
            return;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            await Task.Delay(milliseconds, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }
}

namespace VcfTasks.Simulator.Tasks;

/// <summary>
/// Answers listing requests sent side by side in the reverse of the order they arrived (<c>--out-of-order MS</c>):
/// a request opens a batch, the requests that arrive within the next MS milliseconds join it, and when the batch
/// closes its requests are answered one after another, the last to arrive first. Each is worked out (its page cut,
/// tasks created after it) only when its turn comes, so on a server whose list changes, a page requested earlier is
/// cut from a later state of the list. Deterministic for requests that arrive within the window, unlike a random
/// delay, so a test can tell what the server did; a request alone waits out the window and is answered.
/// </summary>
internal sealed class ReversedBatches(int windowMs)
{
    private readonly object _gate = new();
    private List<Turn>? _open;

    /// <summary>
    /// Waits until this request's turn; dispose the result once the answer is written, which lets the request that
    /// arrived before it go. A request given up by its client gives up its turn too.
    /// </summary>
    public async Task<IDisposable> TurnAsync(CancellationToken ct)
    {
        var turn = new Turn();
        bool opens;
        lock (_gate)
        {
            opens = _open is null;
            _open ??= [];
            _open.Add(turn);
        }

        if (opens)
        {
            // Not the request's token: a batch closes and goes whether or not the request that opened it is still there.
            _ = ReleaseAsync();
        }

        try
        {
            await turn.Go.Task.WaitAsync(ct);
        }
        catch
        {
            turn.Dispose();
            throw;
        }

        return turn;
    }

    private async Task ReleaseAsync()
    {
        await Task.Delay(windowMs);
        List<Turn> batch;
        lock (_gate)
        {
            batch = _open!;
            _open = null;
        }

        for (var i = batch.Count - 1; i >= 0; i--)
        {
            batch[i].Go.TrySetResult();
            await batch[i].Done.Task;
        }
    }

    private sealed class Turn : IDisposable
    {
        public TaskCompletionSource Go { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose() => Done.TrySetResult();
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Model;

namespace VcfTasks;

/// <summary>
/// The page requests of one listing that are in flight or answered but not yet taken, in page order. It holds at
/// most <see cref="Width"/> of them; <see cref="Narrow"/> (a 429 or 503) halves the width, down to 1, for the rest
/// of the listing. Pages are taken strictly in order. Disposing it cancels every request it still holds, and so
/// does the token of a <see cref="TakeAsync"/> that is cancelled (Ctrl+C).
/// </summary>
internal sealed class PageWindow : IDisposable
{
    private readonly Func<int, CancellationToken, Task<PageOfTask>> _fetch;
    private readonly Queue<(int Number, Task<PageOfTask> Page)> _held = new();
    private readonly CancellationTokenSource _cancel = new();
    private int _width;
    // 1 once disposed. The pager may dispose the window on the thread a failed or cancelled page ends on while its
    // owner disposes it on the pipeline thread (Get-VcfTask -Server a,b ending early): only one of them empties it.
    private int _disposed;

    /// <param name="fetch">Requests page n; called on the consumer's thread, the request runs on its own.</param>
    /// <param name="width">Pages held at most (the throttle limit), 1 or more.</param>
    /// <param name="first">The first page it requests.</param>
    public PageWindow(Func<int, CancellationToken, Task<PageOfTask>> fetch, int width, int first = 0)
    {
        _fetch = fetch;
        _width = Math.Max(1, width);
        NextToRequest = first;
    }

    /// <summary>Pages that may be held now (in flight or answered and waiting to be taken).</summary>
    public int Width => Volatile.Read(ref _width);

    /// <summary>The number of the next page that would be requested.</summary>
    public int NextToRequest { get; private set; }

    /// <summary>Requests started so far.</summary>
    public int Started { get; private set; }

    /// <summary>Halves the width, down to 1 (the server said it is overloaded). Safe from any thread.</summary>
    public int Narrow()
    {
        while (true)
        {
            int width = Volatile.Read(ref _width);
            int narrower = Math.Max(1, width / 2);
            if (Interlocked.CompareExchange(ref _width, narrower, width) == width) return narrower;
        }
    }

    /// <summary>
    /// Starts requests for the next pages while fewer than <see cref="Width"/> are held, the page is below
    /// <paramref name="pageCount"/> and <paramref name="mayStart"/> says the output can still need it.
    /// </summary>
    public void Fill(int pageCount, Func<int, bool> mayStart)
    {
        while (Volatile.Read(ref _disposed) == 0 && _held.Count < Width && NextToRequest < pageCount && mayStart(NextToRequest)) Start();
    }

    /// <summary>
    /// The answer for page <paramref name="number"/>, which must be the next in order: the held one, or a request
    /// started now when none is held. Cancelling <paramref name="ct"/> cancels every request held.
    /// </summary>
    public async Task<PageOfTask> TakeAsync(int number, CancellationToken ct)
    {
        if (Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(nameof(PageWindow));
        if (_held.Count == 0)
        {
            if (NextToRequest != number) throw new InvalidOperationException($"Page {number} asked for; page {NextToRequest} is next.");
            Start();
        }
        var (held, page) = _held.Peek();
        if (held != number) throw new InvalidOperationException($"Page {number} asked for; page {held} is next.");
        _held.Dequeue();
        using (ct.Register(() => Cancel()))
        {
            return await page.ConfigureAwait(false);
        }
    }

    private void Start()
    {
        int number = NextToRequest++;
        Started++;
        Task<PageOfTask> page;
        try
        {
            page = _fetch(number, _cancel.Token);
        }
        catch (Exception e)
        {
            page = FromException(e);
        }
        _held.Enqueue((number, page));
    }

    private static async Task<PageOfTask> FromException(Exception e)
    {
        await Task.Yield();
        throw e;
    }

    private void Cancel()
    {
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: nothing is in flight any more.
        }
    }

    /// <summary>Cancels the requests still held; their outcomes are observed and dropped.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Cancel();
        while (_held.Count > 0)
        {
            var (_, page) = _held.Dequeue();
            // Observe the failure (a cancellation, mostly) so it is never reported as unobserved.
            page.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }
}

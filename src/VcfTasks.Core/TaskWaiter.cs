using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks;

/// <summary>
/// Waits for many tasks at once, on any number of connections: each poll learns the state of every unfinished
/// task once, from its server's listing where that is cheaper than reading each (<see cref="ListingPoll"/>), else
/// by reading it (a few at a time), the servers side by side; the pause between polls grows from about a second
/// to about fifteen.
/// The caller drives the loop, so it can report progress and emit finished tasks as they come.
/// </summary>
public sealed class TaskWaiter
{
    private const int Parallelism = 8;
    private readonly List<WaitItem> _pending;
    private readonly Dictionary<VcfConnection, ListingPoll> _listings = new();
    private int _reads;
    private TimeSpan _interval;

    /// <summary>Starts a wait for <paramref name="items"/>.</summary>
    public TaskWaiter(IEnumerable<WaitItem> items)
    {
        _pending = items.ToList();
        _interval = FirstInterval;
    }

    /// <summary>Failed reads in a row after which a task leaves the wait with the last error.</summary>
    public const int MaxFailedReads = 5;

    /// <summary>The pause after the first poll.</summary>
    public static readonly TimeSpan FirstInterval = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between polls.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(15);

    /// <summary>Tasks not finished yet.</summary>
    public IReadOnlyList<WaitItem> Pending => _pending;

    /// <summary>The pause before the next poll; each call makes the following one longer, up to <see cref="MaxInterval"/>.</summary>
    public TimeSpan NextInterval()
    {
        var current = _interval;
        _interval = TimeSpan.FromTicks(Math.Min(MaxInterval.Ticks, (long)(_interval.Ticks * 1.5)));
        return current;
    }

    /// <summary>Requests the polls made so far: listing pages and reads by id (tests and the benchmark count them).</summary>
    public int Requests => _reads + _listings.Values.Sum(l => l.Requests);

    /// <summary>
    /// Learns the state of every pending task once: per server, from its listing where that is cheaper
    /// (<see cref="ListingPoll"/>), else by reading each by id; the servers side by side. Finished ones (and ones
    /// that are gone) leave the pending list. Results come in the order the tasks were given.
    /// </summary>
    public async Task<IReadOnlyList<WaitPollResult>> PollAsync(CancellationToken ct)
    {
        var order = new Dictionary<WaitItem, int>();
        for (int i = 0; i < _pending.Count; i++) order[_pending[i]] = i;
        var servers = _pending.GroupBy(i => i.Connection).ToList();
        foreach (var server in servers)
            if (!_listings.ContainsKey(server.Key)) _listings[server.Key] = new ListingPoll(server.Key);
        var polled = await Task.WhenAll(servers.Select(g => PollServerAsync(_listings[g.Key], g.ToList(), ct))).ConfigureAwait(false);
        var results = polled.SelectMany(r => r).OrderBy(r => order[r.Item]).ToList();
        foreach (var r in results) if (r.Finished) _pending.Remove(r.Item);
        return results;
    }

    private async Task<List<WaitPollResult>> PollServerAsync(ListingPoll listing, List<WaitItem> items, CancellationToken ct)
    {
        var results = new List<WaitPollResult>();
        var toRead = new List<WaitItem>();
        try
        {
            var listed = await listing.PollAsync(items, toRead, ct).ConfigureAwait(false);
            var finished = new HashSet<WaitItem>();
            foreach (var (item, task) in listed)
            {
                // An item may come twice (running, then finished within the poll): the last state is the one to tell.
                item.Last = task;
                item.FailedReads = 0;
                if (item.IsFinal(task)) finished.Add(item);
            }
            foreach (var item in listed.Select(l => l.Item).Distinct())
                results.Add(new WaitPollResult(item, item.Last, null, finished.Contains(item)));
        }
        catch (VcfException e)
        {
            // The listing failed: each task it stood for counts a failed read, as a failed GET would.
            foreach (var item in items.Except(toRead))
            {
                item.FailedReads++;
                results.Add(new WaitPollResult(item, null, e, Leaves(e, item)));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A poll cut short keeps what it read; the rest stay pending.
            return items.Select(i => new WaitPollResult(i, null, null, false)).ToList();
        }
        results.AddRange(await ReadAsync(toRead, ct).ConfigureAwait(false));
        return results;
    }

    // Reads each of the items by id, a few at a time.
    private async Task<WaitPollResult[]> ReadAsync(List<WaitItem> items, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(Parallelism);
        var reads = items.Select(async item =>
        {
            // A poll cut short (the wait's deadline, Ctrl+C) keeps what it read; the rest stay pending.
            try
            {
                await gate.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return new WaitPollResult(item, null, null, false);
            }
            try
            {
                Interlocked.Increment(ref _reads);
                var task = await item.Connection.Tasks.GetAsync(item.Id, ct).ConfigureAwait(false);
                item.Last = task;
                item.FailedReads = 0;
                return new WaitPollResult(item, task, null, item.IsFinal(task));
            }
            catch (VcfException e)
            {
                // Each read already had its own retries; a task that cannot be read several polls in a row
                // (or is gone) leaves the wait with its error rather than holding it forever.
                item.FailedReads++;
                return new WaitPollResult(item, null, e, Leaves(e, item));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return new WaitPollResult(item, null, null, false);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        return await Task.WhenAll(reads).ConfigureAwait(false);
    }

    // A task leaves the wait with its error when it is gone, when its connection was closed (that server's tasks
    // get their own errors and the others are still waited for), or after several failed reads in a row.
    private static bool Leaves(VcfException e, WaitItem item) =>
        e.Kind is VcfErrorKind.TaskNotFound or VcfErrorKind.NotConnected || item.FailedReads >= MaxFailedReads;

    /// <summary>The error for a task that ended FAILED or CANCELLED, with its first error's code, remediation and reference token.</summary>
    public static VcfException? FailureOf(VcfTask task, bool cancelRequested = false)
    {
        var state = task.StatusInfo.State;
        if (state is not (VcfTaskState.Failed or VcfTaskState.Cancelled or VcfTaskState.UserCancelled or VcfTaskState.Inconsistent))
            return null;
        if (cancelRequested && state is VcfTaskState.Cancelled or VcfTaskState.UserCancelled)
            return null;
        var error = task.Errors?.FirstOrDefault(e => e is not null)
                    ?? task.SubTasks?.SelectMany(s => s?.Errors ?? Enumerable.Empty<VcfTaskError>()).FirstOrDefault(e => e is not null);
        var message = VcfException.Describe($"Task '{task.Name}' ({task.Id}) on {task.Server} ended {task.StatusInfo.ApiValue}", null, error);
        return new VcfException(VcfErrorKind.TaskFailed, message)
        {
            TaskId = task.Id,
            RecommendedAction = state == VcfTaskState.Failed
                ? "See the task's errors with Get-VcfTask -Id <id> | Format-List; retry it with Invoke-VcfTaskRetry when the cause is fixed."
                : null,
        }.WithServerError(null, error);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks;

/// <summary>
/// How a wait learns the state of many tasks of one server from its listing instead of one GET per task: the
/// running ones from <c>taskStatus=IN_PROGRESS</c> pages, the finished ones from <c>completedAfter</c> pages since
/// the earliest moment that matters (the oldest completion a pending task could have). What the listing cannot
/// tell is left to a read by id: a task never read (no creation time to start from), a task already final, one in
/// neither listing (pending, or a server that ignores a filter), and every task when there are so few that reads
/// are cheaper, or when a listing would take more requests than the reads.
/// </summary>
internal sealed class ListingPoll
{
    /// <summary>At most this many tasks of a server are read by id rather than listed.</summary>
    public const int SingleReadsUpTo = 2;

    /// <summary>
    /// How far back from the newest completion seen the next <c>completedAfter</c> starts: a task that finished
    /// while an earlier listing was being paged through may be missing from it, and must be in the next one. Both
    /// ends of this span are the server's own times, so no clock skew enters.
    /// </summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    private readonly VcfConnection _connection;
    private DateTimeOffset? _newestCompletion;

    public ListingPoll(VcfConnection connection) => _connection = connection;

    /// <summary>Requests this server's listings made so far.</summary>
    public int Requests { get; private set; }

    /// <summary>
    /// Lists what can be listed of <paramref name="items"/>: gives each item seen in a listing with the task as
    /// listed, and puts the rest in <paramref name="toRead"/>. A failed listing is thrown (the items then count a
    /// failed read each, as a failed GET would).
    /// </summary>
    public async Task<List<(WaitItem Item, VcfTask Task)>> PollAsync(IReadOnlyList<WaitItem> items, List<WaitItem> toRead, CancellationToken ct)
    {
        var seen = new List<(WaitItem, VcfTask)>();
        var listable = new List<WaitItem>();
        foreach (var item in items)
        {
            if (Bound(item) is null) toRead.Add(item);
            else listable.Add(item);
        }
        if (listable.Count <= SingleReadsUpTo)
        {
            toRead.AddRange(listable);
            return seen;
        }
        // Running first, then finished: a retried task seen running is then known to be on its new run when its
        // final state comes in the second listing.
        var floor = listable.Min(i => Bound(i)!.Value);
        if (_newestCompletion is { } newest && newest - Overlap > floor) floor = newest - Overlap;
        var running = await ListAsync(new TaskQuery { Statuses = new[] { new VcfTaskStatus("IN_PROGRESS") } }, listable.Count, ct).ConfigureAwait(false);
        var finished = running is null ? null : await ListAsync(new TaskQuery { CompletedAfter = floor }, listable.Count, ct).ConfigureAwait(false);
        if (running is null || finished is null)
        {
            // More pages than reads: this poll reads by id.
            toRead.AddRange(listable);
            return seen;
        }
        foreach (var task in finished.Values)
        {
            if (task.CompletionTimestamp is { } done && (_newestCompletion is null || done > _newestCompletion)) _newestCompletion = done;
        }
        foreach (var item in listable)
        {
            bool found = false;
            if (running.TryGetValue(item.Id, out var now))
            {
                seen.Add((item, now));
                found = true;
            }
            if (finished.TryGetValue(item.Id, out var done))
            {
                seen.Add((item, done));
                found = true;
            }
            if (!found) toRead.Add(item);
        }
        return seen;
    }

    // The earliest completion the item's final state can have, on the server's clock; null when a listing cannot
    // tell its state (never read, or already final as given: one read says whether it still is).
    private static DateTimeOffset? Bound(WaitItem item)
    {
        if (item.Last is not { } last) return null;
        if (item.AwaitNewRun) return item.PreviousCompletion ?? last.CreationTimestamp;
        return last.StatusInfo.IsTerminal ? null : last.CreationTimestamp;
    }

    // Every page of a listing, by id; null once it would take more requests than reading each task by id.
    private async Task<Dictionary<string, VcfTask>?> ListAsync(TaskQuery query, int reads, CancellationToken ct)
    {
        var tasks = new Dictionary<string, VcfTask>(StringComparer.OrdinalIgnoreCase);
        using var pager = _connection.Tasks.List(query, TaskPager.MaxThrottleLimit / 2);
        pager.Background = true;
        try
        {
            while (!pager.Finished)
            {
                foreach (var task in await pager.NextPageAsync(ct).ConfigureAwait(false))
                {
                    if (!string.IsNullOrEmpty(task.Id)) tasks[task.Id!] = task;
                }
                if (pager.TotalElements is { } total && (total + query.PageSize - 1) / query.PageSize > reads) return null;
            }
        }
        finally
        {
            Requests += pager.PagesFetched;
        }
        return tasks;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks;

/// <summary>
/// Watches one server's tasks for changes (<c>Watch-VcfTask</c>): each poll reads the running tasks
/// (<c>taskStatus=IN_PROGRESS</c>) and the tasks finished since the last look (<c>completedAfter</c>), so a server
/// where nothing runs costs two requests a poll, and a change costs pages only for what changed. A change made by
/// anyone (another client, the UI) is seen at the next poll. What it remembers is the running tasks and the
/// finished ones newer than the next poll's <c>completedAfter</c>, so its memory does not grow with time.
/// </summary>
public sealed class TaskWatcher
{
    private readonly TaskQuery _filters;
    private readonly DateTimeOffset _since;
    private readonly bool _wantRunning;
    private readonly bool _wantFinished;
    private Dictionary<string, VcfTaskStatus> _running = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (DateTimeOffset? Completion, VcfTaskStatus Status)> _finished = new(StringComparer.OrdinalIgnoreCase);
    private DateTimeOffset? _newestCompletion;
    private bool _first = true;

    /// <param name="connection">The server to watch.</param>
    /// <param name="filters">
    /// Which tasks to tell of: name, type and resource filters, and statuses (a change is told when the task's new
    /// status is one of them). The page size and <c>CompletedAfter</c> are the watcher's own.
    /// </param>
    /// <param name="since">Tasks finished after this moment are told; tasks running at the first look and created before it are not.</param>
    public TaskWatcher(VcfConnection connection, TaskQuery filters, DateTimeOffset since)
    {
        Connection = connection;
        _filters = filters;
        _since = since;
        _wantRunning = filters.Statuses.Count == 0 || filters.Statuses.Any(s => !s.IsTerminal);
        _wantFinished = filters.Statuses.Count == 0 || filters.Statuses.Any(s => s.IsTerminal);
    }

    /// <summary>The server watched.</summary>
    public VcfConnection Connection { get; }

    /// <summary>Requests made so far.</summary>
    public int Requests { get; private set; }

    /// <summary>Tasks remembered now (running, and finished ones the next look may list again).</summary>
    public int Remembered => _running.Count + _finished.Count;

    /// <summary>Looks once; gives the changes since the last look, oldest first. A failed listing is thrown.</summary>
    public async Task<IReadOnlyList<VcfTaskChange>> PollAsync(CancellationToken ct)
    {
        var changes = new List<VcfTaskChange>();
        var floor = _since;
        if (_newestCompletion is { } newest && newest - ListingPoll.Overlap > floor) floor = newest - ListingPoll.Overlap;
        var running = _wantRunning ? await ListAsync(Query(new[] { new VcfTaskStatus("IN_PROGRESS") }, null), ct).ConfigureAwait(false) : null;
        var finished = _wantFinished
            ? await ListAsync(Query(_filters.Statuses.Where(s => s.IsTerminal).ToArray(), floor), ct).ConfigureAwait(false)
            : new List<VcfTask>();
        var seenAt = DateTimeOffset.UtcNow;

        // The running tasks of the last look: a task finished since is told as finished from the state it ran in.
        var before = _running;
        if (running is not null)
        {
            var next = new Dictionary<string, VcfTaskStatus>(StringComparer.OrdinalIgnoreCase);
            foreach (var task in running.OrderBy(t => t.CreationTimestamp ?? DateTimeOffset.MinValue))
            {
                next[task.Id] = task.StatusInfo;
                if (before.TryGetValue(task.Id, out var was))
                {
                    if (!was.Equals(task.StatusInfo)) Tell(changes, task, VcfTaskChangeKind.StatusChanged, was, seenAt);
                }
                else if (task.CreationTimestamp is { } created && created >= _since && !_finished.ContainsKey(task.Id))
                {
                    Tell(changes, task, VcfTaskChangeKind.Appeared, null, seenAt);
                }
                else if (!_first)
                {
                    // Running again (a retry), or running after a state the listing does not show (pending).
                    Tell(changes, task, VcfTaskChangeKind.StatusChanged, _finished.TryGetValue(task.Id, out var last) ? last.Status : null, seenAt);
                }
            }
            _running = next;
        }

        foreach (var task in finished.OrderBy(t => t.CompletionTimestamp ?? DateTimeOffset.MinValue))
        {
            if (task.CompletionTimestamp is { } done && (_newestCompletion is null || done > _newestCompletion)) _newestCompletion = done;
            if (_finished.TryGetValue(task.Id, out var known) && known.Completion == task.CompletionTimestamp) continue;
            VcfTaskStatus? previous = before.TryGetValue(task.Id, out var wasRunning) ? wasRunning : known.Status;
            _running.Remove(task.Id);
            _finished[task.Id] = (task.CompletionTimestamp, task.StatusInfo);
            Tell(changes, task, VcfTaskChangeKind.Finished, previous, task.CompletionTimestamp ?? seenAt);
        }

        // What the next look cannot list again is forgotten: memory stays flat however long the watch.
        var nextFloor = _newestCompletion is { } n && n - ListingPoll.Overlap > _since ? n - ListingPoll.Overlap : _since;
        foreach (var id in _finished.Where(p => p.Value.Completion is { } c && c <= nextFloor).Select(p => p.Key).ToList()) _finished.Remove(id);
        _first = false;
        return changes;
    }

    private void Tell(List<VcfTaskChange> changes, VcfTask task, VcfTaskChangeKind kind, VcfTaskStatus? before, DateTimeOffset time)
    {
        if (_filters.Statuses.Count > 0 && !_filters.Statuses.Any(s => s.Equals(task.StatusInfo))) return;
        changes.Add(new VcfTaskChange(task, kind, before, time));
    }

    private TaskQuery Query(IReadOnlyList<VcfTaskStatus> statuses, DateTimeOffset? completedAfter) => new()
    {
        Statuses = statuses,
        Name = _filters.Name,
        NameFilter = _filters.NameFilter,
        Type = _filters.Type,
        ResourceId = _filters.ResourceId,
        ResourceType = _filters.ResourceType,
        CompletedAfter = completedAfter,
    };

    private async Task<List<VcfTask>> ListAsync(TaskQuery query, CancellationToken ct)
    {
        var tasks = new List<VcfTask>();
        using var pager = Connection.Tasks.List(query, TaskPager.MaxThrottleLimit / 2);
        pager.Background = true;
        try
        {
            while (!pager.Finished)
            {
                foreach (var task in await pager.NextPageAsync(ct).ConfigureAwait(false))
                    if (!string.IsNullOrEmpty(task.Id)) tasks.Add(task);
            }
        }
        finally
        {
            Requests += pager.PagesFetched;
        }
        return tasks;
    }
}

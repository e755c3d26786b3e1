using VcfTasks.Simulator.Model;
using VcfTasks.Simulator.Wire;

namespace VcfTasks.Simulator.Tasks;

/// <summary>Outcome of a state change requested through the API.</summary>
internal enum ChangeResult
{
    Done,
    NotFound,
    NotAllowed,
    CredentialsTask,
}

/// <summary>
/// All tasks of one simulator, in memory. One lock guards everything: reads serialise under it,
/// so a response never shows a task half-way through a change, and tasks never leave the lock
/// as live objects (only as JSON bytes or fresh projections). A listing page costs its own size:
/// the selection it is cut from is kept (<see cref="ListingIndex"/>), only running tasks are
/// brought up to date on each request, and any change a filter or an order can see drops the kept
/// selections. The credentials API's side is in TaskStore.Credentials.cs.
/// </summary>
internal sealed partial class TaskStore
{
    private readonly object _gate = new();
    private readonly List<SimTask> _tasks;
    private readonly Dictionary<string, SimTask> _byId;
    private readonly HashSet<SimTask> _running = [];
    private readonly ListingIndex _listings = new();
    private readonly RetryEngine _engine;
    private readonly TimeProvider _clock;
    private readonly TaskWriter _writer;
    private readonly TaskGrowth? _growth;

    public TaskStore(IEnumerable<SimTask> tasks, RetryEngine engine, TimeProvider clock, TaskWriter? writer = null, PagingRules? paging = null)
    {
        _writer = writer ?? TaskWriter.Plain;
        Paging = paging ?? PagingRules.Default;
        _growth = Paging.GrowPerPage > 0 ? new TaskGrowth(Paging.GrowPerPage, Paging.GrowAt, Paging.Seed) : null;
        _tasks = [.. tasks];
        foreach (var t in _tasks)
        {
            t.CreatedAt = Statuses.Parse(t.CreationTimestamp);
            t.CompletedAt = Statuses.Parse(t.CompletionTimestamp);
            t.IsCredentialsTask |= IsCredentials(t);
        }

        _byId = new Dictionary<string, SimTask>(StringComparer.OrdinalIgnoreCase);
        foreach (var t in _tasks)
        {
            _byId.TryAdd(t.Id, t);
            if (t.Run is not null)
            {
                _running.Add(t);
            }
        }

        _engine = engine;
        _clock = clock;
    }

    public int Count => _tasks.Count;

    /// <summary>How listings are paged, answered and grown (<see cref="PagingRules"/>).</summary>
    public PagingRules Paging { get; }

    /// <summary>How many times a listing filtered and sorted every task (see <see cref="ListingIndex"/>).</summary>
    public int ListingSelections
    {
        get
        {
            lock (_gate)
            {
                return _listings.SelectionsMade;
            }
        }
    }

    /// <summary>A page of tasks as PageOfTask JSON; on a live server (<c>--grow-per-page</c>), new tasks come right after it.</summary>
    public byte[] ListJson(TaskQuery query)
    {
        lock (_gate)
        {
            var page = Select(query);
            var json = _writer.Page(page, Paging.Metadata);
            Grow();
            return json;
        }
    }

    /// <summary>One task as Task JSON, or null when there is none with that id.</summary>
    public byte[]? GetJson(string id)
    {
        lock (_gate)
        {
            return Find(id) is { } t ? _writer.Task(t) : null;
        }
    }

    /// <summary>Every task id in the default order, or those that <paramref name="filter"/>'s filters match in its order (never paged).</summary>
    public IReadOnlyList<string> Ids(TaskQuery? filter = null)
    {
        lock (_gate)
        {
            var query = filter ?? TaskQuery.All;
            if (filter is not null)
            {
                AdvanceRunning(); // a filter on status sees running tasks as they are now, as a listing does
            }

            return query.Order(_tasks.Where(query.Matches)).Select(t => t.Id).ToList();
        }
    }

    /// <summary>PATCH /v1/tasks/{id}: re-runs a FAILED task under the same id.</summary>
    public ChangeResult Retry(string id)
    {
        lock (_gate)
        {
            if (Find(id) is not { } t)
            {
                return ChangeResult.NotFound;
            }

            if (t.IsCredentialsTask)
            {
                return ChangeResult.CredentialsTask;
            }

            if (Statuses.Normalize(t.Status) != Statuses.Failed)
            {
                return ChangeResult.NotAllowed;
            }

            _engine.Start(t, _clock.GetUtcNow());
            Changed(t);
            return ChangeResult.Done;
        }
    }

    /// <summary>DELETE /v1/tasks/{id}: cancels an IN_PROGRESS, cancellable task.</summary>
    public ChangeResult Cancel(string id)
    {
        lock (_gate)
        {
            if (Find(id) is not { } t)
            {
                return ChangeResult.NotFound;
            }

            if (Statuses.Normalize(t.Status) != Statuses.InProgress || t.IsCancellable != true)
            {
                return ChangeResult.NotAllowed;
            }

            RetryEngine.Cancel(t, _clock.GetUtcNow());
            Changed(t);
            return ChangeResult.Done;
        }
    }

    private Page<SimTask> Select(TaskQuery query)
    {
        AdvanceRunning();
        var selection = _listings.Select(query, _tasks);
        var count = Math.Min(selection.Count, query.Limit ?? int.MaxValue);
        return Paging.Cut(query, selection, count);
    }

    /// <summary>A live server's new tasks after a listing request: they are in every listing from the next request on.</summary>
    private void Grow()
    {
        if (_growth is null)
        {
            return;
        }

        foreach (var t in _growth.Next(_tasks, _clock.GetUtcNow()))
        {
            t.CreatedAt = Statuses.Parse(t.CreationTimestamp);
            t.CompletedAt = Statuses.Parse(t.CompletionTimestamp);
            t.IsCredentialsTask |= IsCredentials(t);
            if (_byId.TryAdd(t.Id, t))
            {
                _tasks.Add(t);
            }
        }

        _listings.Invalidate(); // every kept selection may miss a new task
    }

    private SimTask? Find(string id) => _byId.TryGetValue(id, out var t) ? Advanced(t) : null;

    /// <summary>Brings every running task up to now (the others do not change with time).</summary>
    private void AdvanceRunning()
    {
        foreach (var t in _running.ToList())
        {
            Advanced(t);
        }
    }

    private SimTask Advanced(SimTask t)
    {
        if (t.Run is null)
        {
            return t;
        }

        _engine.Advance(t, _clock.GetUtcNow());
        if (t.Run is null)
        {
            Changed(t); // the run ended: a new status and completion time
        }

        return t;
    }

    /// <summary>A task's status or completion time changed: the kept selections may no longer hold it where it belongs.</summary>
    private void Changed(SimTask t)
    {
        if (t.Run is null)
        {
            _running.Remove(t);
        }
        else
        {
            _running.Add(t);
        }

        _listings.Invalidate();
    }

    private static bool IsCredentials(SimTask t) =>
        (t.Type?.StartsWith("CREDENTIALS", StringComparison.OrdinalIgnoreCase) ?? false)
        || (t.Name?.StartsWith("Credentials ", StringComparison.OrdinalIgnoreCase) ?? false);
}

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
/// as live objects (only as JSON bytes or fresh projections).
/// </summary>
internal sealed class TaskStore
{
    private readonly object _gate = new();
    private readonly List<SimTask> _tasks;
    private readonly Dictionary<string, SimTask> _byId;
    private readonly RetryEngine _engine;
    private readonly TimeProvider _clock;
    private readonly TaskWriter _writer;

    public TaskStore(IEnumerable<SimTask> tasks, RetryEngine engine, TimeProvider clock, TaskWriter? writer = null)
    {
        _writer = writer ?? TaskWriter.Plain;
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
        }

        _engine = engine;
        _clock = clock;
    }

    public int Count => _tasks.Count;

    /// <summary>A page of tasks as PageOfTask JSON.</summary>
    public byte[] ListJson(TaskQuery query)
    {
        lock (_gate)
        {
            var page = Select(query);
            return _writer.Page(page);
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

    /// <summary>The credentials tasks as PageOfCredentialsTask JSON (newest first, up to <paramref name="limit"/>).</summary>
    public byte[] ListCredentialsJson(int? limit)
    {
        lock (_gate)
        {
            var query = TaskQuery.All;
            var selected = query.Order(_tasks.Where(t => t.IsCredentialsTask).Select(Advanced)).Take(limit ?? int.MaxValue).ToList();
            var elements = selected.Select(CredentialsProjection.From).ToList();
            return SimJson.Bytes(new Page<CredentialsTask>(elements, new PageMetadata(0, elements.Count, elements.Count, 1)));
        }
    }

    /// <summary>One credentials task as CredentialsTask JSON, or null.</summary>
    public byte[]? GetCredentialsJson(string id)
    {
        lock (_gate)
        {
            return Find(id) is { IsCredentialsTask: true } t ? SimJson.Bytes(CredentialsProjection.From(t)) : null;
        }
    }

    /// <summary>Every task id in the default order.</summary>
    public IReadOnlyList<string> Ids()
    {
        lock (_gate)
        {
            return TaskQuery.All.Order(_tasks).Select(t => t.Id).ToList();
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
            return ChangeResult.Done;
        }
    }

    private Page<SimTask> Select(TaskQuery query)
    {
        var matching = query.Order(_tasks.Select(Advanced).Where(query.Matches)).Take(query.Limit ?? int.MaxValue).ToList();
        if (query.PageSize is not { } size)
        {
            // Without pageSize every match comes in one page: the 4.5 behaviour older clients rely on.
            return new Page<SimTask>(matching, new PageMetadata(0, matching.Count, matching.Count, 1));
        }

        var totalPages = (matching.Count + size - 1) / size;
        var elements = matching.Skip((int)Math.Min(int.MaxValue, (long)query.PageNumber * size)).Take(size).ToList();
        return new Page<SimTask>(elements, new PageMetadata(query.PageNumber, size, matching.Count, totalPages));
    }

    private SimTask? Find(string id) => _byId.TryGetValue(id, out var t) ? Advanced(t) : null;

    private SimTask Advanced(SimTask t)
    {
        _engine.Advance(t, _clock.GetUtcNow());
        return t;
    }

    private static bool IsCredentials(SimTask t) =>
        (t.Type?.StartsWith("CREDENTIALS", StringComparison.OrdinalIgnoreCase) ?? false)
        || (t.Name?.StartsWith("Credentials ", StringComparison.OrdinalIgnoreCase) ?? false);
}

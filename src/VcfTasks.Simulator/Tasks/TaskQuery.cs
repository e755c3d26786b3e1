using System.Globalization;
using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Tasks;

/// <summary>The query parameters of GET /v1/tasks, parsed and checked; see CONTRACT.md for their meaning.</summary>
internal sealed class TaskQuery
{
    /// <summary>The largest page SDDC Manager serves; a larger <c>pageSize</c> is served at this size (<c>--page-size-cap</c> changes it).</summary>
    public const int MaxPageSize = 100;

    public string? Status { get; private init; }
    public string? Type { get; private init; }
    public string? ResourceId { get; private init; }
    public string? ResourceType { get; private init; }
    public string? Name { get; private init; }
    public DateTimeOffset? CompletedAfter { get; private init; }
    public int PageNumber { get; private init; }
    public int? PageSize { get; private init; }
    public int? Limit { get; private init; }
    public string OrderBy { get; private init; } = "creationTimestamp";
    public bool Descending { get; private init; } = true;

    /// <summary>No filter, default order, one page: what /_sim/tasks and the credentials list use.</summary>
    public static TaskQuery All { get; } = new();

    /// <summary>Parses the query string; a bad value gives an Error body for a 400 instead.</summary>
    public static TaskQuery? Parse(IQueryCollection q, out ApiError? error)
    {
        error = null;
        try
        {
            var pageSize = Int(q, "pageSize");
            if (pageSize is <= 0)
            {
                throw new QueryException("pageSize", q["pageSize"]!, "must be at least 1");
            }

            var pageNumber = Int(q, "pageNumber") ?? 0;
            if (pageNumber < 0)
            {
                throw new QueryException("pageNumber", q["pageNumber"]!, "must be 0 or more");
            }

            var limit = Int(q, "limit");
            if (limit is < 0)
            {
                throw new QueryException("limit", q["limit"]!, "must be 0 or more");
            }

            _ = Bool(q, "doLiveRefresh"); // accepted and ignored: the simulator's data is always live
            var completedAfter = Long(q, "completedAfter");
            return new TaskQuery
            {
                Status = Text(q, "taskStatus") is { } s ? Statuses.Normalize(s) : null,
                Type = Text(q, "taskType"),
                ResourceId = Text(q, "resourceId"),
                ResourceType = Text(q, "resourceType"),
                Name = Text(q, "taskName"),
                CompletedAfter = completedAfter is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
                PageNumber = pageNumber,
                PageSize = pageSize, // as asked: the served size is the paging rules' business (PagingRules.Cut)
                Limit = limit,
                OrderBy = OrderField(q),
                Descending = Direction(q),
            };
        }
        catch (QueryException e)
        {
            error = ErrorBodies.BadParameter(e.Name, e.Value, e.Message);
            return null;
        }
    }

    /// <summary>
    /// What decides which tasks a listing returns and in which order (every filter and the order; not the page):
    /// listings with the same key share one selection in <see cref="ListingIndex"/>.
    /// </summary>
    public string SelectionKey => string.Join('\u001f', Status, Type, ResourceId, ResourceType, Name,
        CompletedAfter?.ToUnixTimeMilliseconds(), OrderBy, Descending ? "DESC" : "ASC");

    /// <summary>True when the task passes every filter given.</summary>
    public bool Matches(SimTask t) =>
        (Status is null || Statuses.Normalize(t.Status) == Status)
        && (Type is null || string.Equals(t.Type, Type, StringComparison.OrdinalIgnoreCase))
        && (ResourceId is null || (t.Resources?.Any(r => string.Equals(r.ResourceId, ResourceId, StringComparison.OrdinalIgnoreCase)) ?? false))
        && (ResourceType is null || (t.Resources?.Any(r => string.Equals(r.Type, ResourceType, StringComparison.OrdinalIgnoreCase)) ?? false))
        && (Name is null || (t.Name?.Contains(Name, StringComparison.OrdinalIgnoreCase) ?? false))
        && (CompletedAfter is null || t.CompletedAt > CompletedAfter);

    /// <summary>Orders tasks by the chosen field (missing values last either way), then by id so the order is total.</summary>
    public IEnumerable<SimTask> Order(IEnumerable<SimTask> tasks)
    {
        var sign = Descending ? -1 : 1;
        var list = tasks.ToList();
        list.Sort((a, b) =>
        {
            var c = OrderBy switch
            {
                "completionTimestamp" => CompareMissingLast(a.CompletedAt, b.CompletedAt, sign),
                "name" => CompareMissingLast(a.Name, b.Name, sign),
                "status" => sign * string.CompareOrdinal(Statuses.Normalize(a.Status), Statuses.Normalize(b.Status)),
                _ => CompareMissingLast(a.CreatedAt, b.CreatedAt, sign),
            };
            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        });
        return list;
    }

    private static int CompareMissingLast<T>(T? a, T? b, int sign) =>
        (a, b) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => sign * Comparer<T>.Default.Compare(a, b),
        };

    private static string OrderField(IQueryCollection q)
    {
        var value = Text(q, "orderBy");
        if (value is null)
        {
            return "creationTimestamp";
        }

        string[] fields = ["creationTimestamp", "completionTimestamp", "name", "status"];
        return fields.FirstOrDefault(f => f.Equals(value, StringComparison.OrdinalIgnoreCase))
            ?? throw new QueryException("orderBy", value, "must be one of " + string.Join(", ", fields));
    }

    private static bool Direction(IQueryCollection q) =>
        Text(q, "orderDirection")?.ToUpperInvariant() switch
        {
            null or "DESC" => true,
            "ASC" => false,
            _ => throw new QueryException("orderDirection", q["orderDirection"]!, "must be ASC or DESC"),
        };

    private static string? Text(IQueryCollection q, string name) =>
        q.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v.ToString()) ? v.ToString() : null;

    private static int? Int(IQueryCollection q, string name) =>
        Text(q, name) is not { } s ? null
        : int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : throw new QueryException(name, s, "must be an integer");

    private static long? Long(IQueryCollection q, string name) =>
        Text(q, name) is not { } s ? null
        : long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : throw new QueryException(name, s, "must be an integer (epoch milliseconds)");

    private static bool? Bool(IQueryCollection q, string name) =>
        Text(q, name) is not { } s ? null
        : bool.TryParse(s, out var b) ? b
        : throw new QueryException(name, s, "must be true or false");

    private sealed class QueryException(string name, string value, string message) : Exception(message)
    {
        public string Name { get; } = name;
        public string Value { get; } = value;
    }
}

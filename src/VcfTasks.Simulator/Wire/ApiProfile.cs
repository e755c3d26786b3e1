using Microsoft.Extensions.Primitives;

namespace VcfTasks.Simulator.Wire;

/// <summary>
/// What one SDDC Manager version's tasks API knows (CONTRACT.md, "Versions differ"). A version ignores
/// the query parameters it does not have, as a Spring server ignores any unknown parameter, and
/// leaves out the fields it does not have. 9.0 is everything the simulator does; it is the default.
/// </summary>
internal sealed class ApiProfile
{
    private readonly HashSet<string> _unknownParameters;

    private ApiProfile(string version, bool paged, bool writesActionFlags, params string[] unknownParameters)
    {
        Version = version;
        Paged = paged;
        WritesActionFlags = writesActionFlags;
        _unknownParameters = new HashSet<string>(unknownParameters, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>4.5: no paging or ordering (every listing in one response, no <c>pageMetadata</c>), no
    /// <c>taskName</c>, no <c>doLiveRefresh</c>, and tasks without <c>isRetryable</c>/<c>isCancellable</c>.</summary>
    public static ApiProfile V45 { get; } = new("4.5", paged: false, writesActionFlags: false,
        "pageNumber", "pageSize", "orderBy", "orderDirection", "taskName", "doLiveRefresh");

    /// <summary>5.2: paging, ordering and <c>taskName</c>; no <c>doLiveRefresh</c>.</summary>
    public static ApiProfile V52 { get; } = new("5.2", paged: true, writesActionFlags: true, "doLiveRefresh");

    /// <summary>9.0: everything, <c>doLiveRefresh</c> included (the default).</summary>
    public static ApiProfile V90 { get; } = new("9.0", paged: true, writesActionFlags: true);

    /// <summary>Every profile, oldest first.</summary>
    public static IReadOnlyList<ApiProfile> All { get; } = [V45, V52, V90];

    /// <summary>"4.5", "5.2" or "9.0".</summary>
    public string Version { get; }

    /// <summary>False for 4.5: listings come whole and carry no <c>pageMetadata</c>.</summary>
    public bool Paged { get; }

    /// <summary>False for 4.5: tasks carry no <c>isRetryable</c> and no <c>isCancellable</c>.</summary>
    public bool WritesActionFlags { get; }

    /// <summary>The profile of that version, or null for a version the simulator does not play.</summary>
    public static ApiProfile? Find(string version) => All.FirstOrDefault(p => p.Version == version);

    /// <summary>The query as this version sees it: the parameters it does not have are dropped, whatever their value.</summary>
    internal IQueryCollection Known(IQueryCollection query)
    {
        if (_unknownParameters.Count == 0 || !query.Keys.Any(_unknownParameters.Contains))
        {
            return query;
        }

        var kept = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in query)
        {
            if (!_unknownParameters.Contains(name))
            {
                kept[name] = value;
            }
        }

        return new QueryCollection(kept);
    }

    /// <inheritdoc />
    public override string ToString() => Version;
}

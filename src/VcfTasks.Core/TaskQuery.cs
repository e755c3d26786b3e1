using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace VcfTasks;

/// <summary>
/// Filters for a task listing. Each is sent to the server where the API has a parameter for it, and applied
/// again to what comes back, because older servers ignore some of them (4.5 has no <c>taskName</c>).
/// </summary>
public sealed class TaskQuery
{
    /// <summary>Maximum page size the API allows.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Statuses to keep (any of them). One status is also sent as <c>taskStatus</c>.</summary>
    public IReadOnlyList<VcfTaskStatus> Statuses { get; set; } = Array.Empty<VcfTaskStatus>();
    /// <summary>Text the task name contains (case-insensitive): <c>taskName</c>.</summary>
    public string? Name { get; set; }
    /// <summary>A finer test of the name, applied on the client only (e.g. a wildcard pattern); null for none.</summary>
    public Func<string, bool>? NameFilter { get; set; }
    /// <summary>Task type, e.g. HOST_COMMISSION: <c>taskType</c>.</summary>
    public string? Type { get; set; }
    /// <summary>Id of a resource of the task: <c>resourceId</c>.</summary>
    public string? ResourceId { get; set; }
    /// <summary>Type of a resource of the task: <c>resourceType</c>.</summary>
    public string? ResourceType { get; set; }
    /// <summary>Only tasks completed after this instant: <c>completedAfter</c> (epoch milliseconds).</summary>
    public DateTimeOffset? CompletedAfter { get; set; }
    private int _pageSize = MaxPageSize;

    /// <summary>Tasks per request, 1 to 100 (default 100); other values are brought into that range.</summary>
    public int PageSize
    {
        get => _pageSize;
        // A server caps pages at 100: asking for more would make every full page look short and end the listing.
        set => _pageSize = Math.Max(1, Math.Min(MaxPageSize, value));
    }

    /// <summary>The query string for one page.</summary>
    internal string ToPathAndQuery(int pageNumber)
    {
        var sb = new StringBuilder("v1/tasks?pageNumber=").Append(pageNumber.ToString(CultureInfo.InvariantCulture))
            .Append("&pageSize=").Append(PageSize.ToString(CultureInfo.InvariantCulture));
        if (Statuses.Count == 1) Append(sb, "taskStatus", Statuses[0].ApiValue);
        Append(sb, "taskName", Name);
        Append(sb, "taskType", Type);
        Append(sb, "resourceId", ResourceId);
        Append(sb, "resourceType", ResourceType);
        if (CompletedAfter is { } after)
            Append(sb, "completedAfter", after.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string name, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        sb.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    /// <summary>Whether a task the server returned really matches (the safety net for servers that ignore a filter).</summary>
    internal bool Matches(VcfTask task)
    {
        if (Statuses.Count > 0)
        {
            bool any = false;
            foreach (var s in Statuses) if (s.Equals(task.StatusInfo)) { any = true; break; }
            if (!any) return false;
        }
        if (!string.IsNullOrEmpty(Name) && (task.Name is null || task.Name.IndexOf(Name, StringComparison.OrdinalIgnoreCase) < 0))
            return false;
        if (NameFilter is not null && (task.Name is null || !NameFilter(task.Name)))
            return false;
        if (!string.IsNullOrEmpty(Type) && !string.Equals(task.Type, Type, StringComparison.OrdinalIgnoreCase))
            return false;
        if (!string.IsNullOrEmpty(ResourceId) && !AnyResource(task, r => string.Equals(r.ResourceId, ResourceId, StringComparison.OrdinalIgnoreCase)))
            return false;
        if (!string.IsNullOrEmpty(ResourceType) && !AnyResource(task, r => string.Equals(r.Type, ResourceType, StringComparison.OrdinalIgnoreCase)))
            return false;
        // A task whose completion time is missing or unreadable is kept: the server chose to return it.
        if (CompletedAfter is { } after && task.CompletionTimestamp is { } done && done <= after)
            return false;
        return true;
    }

    private static bool AnyResource(VcfTask task, Func<VcfTaskResource, bool> predicate)
    {
        if (task.Resources is null) return false;
        foreach (var r in task.Resources) if (r is not null && predicate(r)) return true;
        return false;
    }
}

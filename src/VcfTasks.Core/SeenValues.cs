using System;
using System.Collections.Generic;
using System.Linq;

namespace VcfTasks;

/// <summary>
/// The task types and resource types of the tasks read through one connection, for completing <c>-Type</c> and
/// <c>-ResourceType</c> with values the server really uses. Bounded, in case a server sends nonsense.
/// </summary>
internal sealed class SeenValues
{
    private const int MaxEach = 512;
    private readonly object _gate = new();
    private readonly HashSet<string> _taskTypes = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _resourceTypes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Remembers the type of <paramref name="task"/> and of each of its resources.</summary>
    public void Add(VcfTask task)
    {
        if (string.IsNullOrEmpty(task.Type) && (task.Resources is null || task.Resources.Count == 0)) return;
        lock (_gate)
        {
            if (!string.IsNullOrEmpty(task.Type) && _taskTypes.Count < MaxEach) _taskTypes.Add(task.Type!);
            if (task.Resources is null) return;
            foreach (var r in task.Resources)
                if (!string.IsNullOrEmpty(r?.Type) && _resourceTypes.Count < MaxEach) _resourceTypes.Add(r!.Type!);
        }
    }

    /// <summary>The task types seen, sorted.</summary>
    public IReadOnlyList<string> TaskTypes { get { lock (_gate) return _taskTypes.OrderBy(t => t, StringComparer.OrdinalIgnoreCase).ToArray(); } }

    /// <summary>The resource types seen, sorted.</summary>
    public IReadOnlyList<string> ResourceTypes { get { lock (_gate) return _resourceTypes.OrderBy(t => t, StringComparer.OrdinalIgnoreCase).ToArray(); } }
}

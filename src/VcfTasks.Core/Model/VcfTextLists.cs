using System.Collections.Generic;

namespace VcfTasks;

// The lists a task carries are lists in every way, but a list's own ToString() is its type name, and that is what
// Export-Csv writes for a list-valued property ("System.Collections.Generic.List`1[…]"). These say what they hold
// instead, each item as its own ToString() gives it, separated by "; ". The models' setters take any list and keep
// one of these (a copy, unless it already is one), so whatever made the list, JSON reading or a caller, exports as text.

/// <summary>Makes the list a model keeps for an element type.</summary>
internal static class VcfTextLists
{
    /// <summary>An empty list for <typeparamref name="T"/>: one of the text lists for subtasks, errors and resources.</summary>
    public static List<T> New<T>()
    {
        if (typeof(T) == typeof(VcfSubTask)) return (List<T>)(object)new VcfSubTaskList();
        if (typeof(T) == typeof(VcfTaskError)) return (List<T>)(object)new VcfTaskErrorList();
        if (typeof(T) == typeof(VcfTaskResource)) return (List<T>)(object)new VcfTaskResourceList();
        return new List<T>();
    }
}

/// <summary>Subtasks; as text, "Status Name" of each.</summary>
public sealed class VcfSubTaskList : List<VcfSubTask>
{
    /// <summary>An empty list.</summary>
    public VcfSubTaskList() { }

    /// <summary>A list of <paramref name="items"/>.</summary>
    public VcfSubTaskList(IEnumerable<VcfSubTask> items) : base(items) { }

    internal static VcfSubTaskList? From(List<VcfSubTask>? list) => list is null or VcfSubTaskList ? (VcfSubTaskList?)list : new VcfSubTaskList(list);

    /// <inheritdoc />
    public override string ToString() => string.Join("; ", this);
}

/// <summary>Errors; as text, "CODE: message" of each.</summary>
public sealed class VcfTaskErrorList : List<VcfTaskError>
{
    /// <summary>An empty list.</summary>
    public VcfTaskErrorList() { }

    /// <summary>A list of <paramref name="items"/>.</summary>
    public VcfTaskErrorList(IEnumerable<VcfTaskError> items) : base(items) { }

    internal static VcfTaskErrorList? From(List<VcfTaskError>? list) => list is null or VcfTaskErrorList ? (VcfTaskErrorList?)list : new VcfTaskErrorList(list);

    /// <inheritdoc />
    public override string ToString() => string.Join("; ", this);
}

/// <summary>Resources; as text, "TYPE name" of each.</summary>
public sealed class VcfTaskResourceList : List<VcfTaskResource>
{
    /// <summary>An empty list.</summary>
    public VcfTaskResourceList() { }

    /// <summary>A list of <paramref name="items"/>.</summary>
    public VcfTaskResourceList(IEnumerable<VcfTaskResource> items) : base(items) { }

    internal static VcfTaskResourceList? From(List<VcfTaskResource>? list) => list is null or VcfTaskResourceList ? (VcfTaskResourceList?)list : new VcfTaskResourceList(list);

    /// <inheritdoc />
    public override string ToString() => string.Join("; ", this);
}

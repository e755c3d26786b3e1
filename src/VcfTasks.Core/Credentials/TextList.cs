using System.Collections.Generic;

namespace VcfTasks.Core.Credentials;

/// <summary>
/// A list that writes itself as its items' text joined by "; ", so Export-Csv writes what a credentials task holds
/// instead of a list's type name (as the task lists of VcfTextLists do).
/// </summary>
internal sealed class TextList<T> : List<T>
{
    public TextList(IEnumerable<T> items) : base(items)
    {
    }

    public override string ToString() => string.Join("; ", this);
}

/// <summary>Makes <see cref="TextList{T}"/>s.</summary>
internal static class TextList
{
    public static List<T>? From<T>(List<T>? list) => list is null or TextList<T> ? list : new TextList<T>(list);
}

using System;
using System.Collections.Generic;

namespace VcfTasks;

/// <summary>
/// What one listing has read, set against what the server counted: the distinct task ids, the elements that could
/// not be tasks, and the <c>totalElements</c> each page said. It tells <see cref="TaskPager"/> whether the list changed
/// while it was read and whether two pages may have a gap between them, and at the end says, as one warning, what may
/// be missing.
/// </summary>
internal sealed class ListingLedger
{
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
    // The totalElements each page (by index) said, where it said one.
    private readonly Dictionary<int, int> _totals = new();
    private int _invalid;
    private int? _first;
    private int? _smallest;
    private int? _last;

    /// <summary>Distinct tasks the server sent.</summary>
    public int Read => _seen.Count;

    /// <summary>The count the first page gave, if it gave one.</summary>
    public int? FirstTotal => _first;

    /// <summary>Whether the server's list changed while it was read: a count moved, or a page repeated tasks.</summary>
    public bool Changed { get; private set; }

    /// <summary>Tasks that may lie between two pages that were not read again (the request limit was met).</summary>
    public int Unresolved { get; set; }

    /// <summary>Adds a task id; false when it was read before.</summary>
    public bool Add(string id) => _seen.Add(id);

    /// <summary>An element of a page that is not a task with an id: counted by the server, never listed.</summary>
    public void AddInvalid() => _invalid++;

    /// <summary>
    /// Keeps the count page <paramref name="index"/> gave and returns the count of the nearest page before it that gave
    /// one (null if none did).
    /// </summary>
    public int? Count(int index, int? total)
    {
        int? before = null;
        for (int i = index - 1; i >= 0 && before is null; i--)
            if (_totals.TryGetValue(i, out var t)) before = t;
        if (total is { } now)
        {
            _first ??= now;
            _last = now;
            _totals[index] = now;
            _smallest = _smallest is { } min ? Math.Min(min, now) : now;
        }
        return before;
    }

    /// <summary>Notes that the list changed; true the first time.</summary>
    public bool NoteChange()
    {
        if (Changed) return false;
        Changed = true;
        return true;
    }

    /// <summary>
    /// The warning for a listing that ended (why: <paramref name="reason"/>), or null when what was read accounts for
    /// what the server counted. <paramref name="unproven"/>: it ended on a page that did not prove the end (a repeat,
    /// an empty page short of the count, the request limit).
    /// </summary>
    public string? Reconcile(string reason, bool unproven)
    {
        int read = _seen.Count + _invalid;
        string listed = FormattableString.Invariant($"{_seen.Count:N0} {(_seen.Count == 1 ? "was" : "were")} listed");
        if (!Changed && _first is { } total)
        {
            return read < total
                ? FormattableString.Invariant($"the server counted {total:N0} task(s) and {listed}: {reason}. {total - read:N0} task(s) may be missing.")
                : null;
        }
        if (Changed && (unproven || Unresolved > 0 || (_smallest is { } min && read < min)))
        {
            // While the list changes the counts cannot say which tasks are missing, only that the end was not proven:
            // the listing stopped before the last page, or a gap between two pages was not closed.
            string why = Unresolved > 0 && !unproven
                ? FormattableString.Invariant($"up to {Unresolved:N0} task(s) between pages served out of order were not found before the listing's request limit")
                : reason;
            return _last is { } counted
                ? FormattableString.Invariant($"the server counted {counted:N0} task(s) and {listed} while its list changed: {why}. Tasks there throughout may be missing.")
                : FormattableString.Invariant($"{listed} while the server's list changed: {why}. Tasks there throughout may be missing.");
        }
        if (unproven && _first is null && _smallest is null)
        {
            // Nothing counted to prove the listing whole, and it ended on a page that was not new.
            return FormattableString.Invariant($"{reason}; {listed}, and the server gave no count to check them against.");
        }
        return null;
    }
}

using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Tasks;

/// <summary>
/// The filtered, ordered selections that recent listings asked for, kept between requests: the pages of one
/// listing share one selection, so a page costs the simulator its own size, not a filter and sort of every task.
/// A selection is made once per filter-and-order (the first page) and dropped by <see cref="Invalidate"/>, which
/// the store calls whenever a task changes in a way a filter or an order can see (its status or completion time).
/// Not thread-safe: the store's lock guards it.
/// </summary>
internal sealed class ListingIndex
{
    // A few listings in flight at once (tests, a benchmark, several clients); each costs 8 bytes per matching task.
    private const int Kept = 8;
    private readonly Dictionary<string, List<SimTask>> _selections = new(StringComparer.Ordinal);
    private readonly Queue<string> _oldestFirst = new();

    /// <summary>Selections made so far (filter and sort of every task): one per listing, not one per page.</summary>
    public int SelectionsMade { get; private set; }

    /// <summary>The tasks of <paramref name="tasks"/> that match <paramref name="query"/>, in its order.</summary>
    public IReadOnlyList<SimTask> Select(TaskQuery query, IEnumerable<SimTask> tasks)
    {
        var key = query.SelectionKey;
        if (_selections.TryGetValue(key, out var kept))
        {
            return kept;
        }

        var selection = query.Order(tasks.Where(query.Matches)).ToList();
        SelectionsMade++;
        if (_oldestFirst.Count == Kept)
        {
            _selections.Remove(_oldestFirst.Dequeue());
        }

        _selections[key] = selection;
        _oldestFirst.Enqueue(key);
        return selection;
    }

    /// <summary>Forgets every selection: a task's status or completion time changed.</summary>
    public void Invalidate()
    {
        _selections.Clear();
        _oldestFirst.Clear();
    }
}

using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Tasks;

/// <summary>
/// The tasks a live server creates while a client pages through its list (<c>--grow-per-page</c>): a few after each
/// answered listing request, generated like the others (any template and status) from a seed of their own, so a seed
/// creates the same tasks in the same order. Where they land in the default order, newest first, is
/// <see cref="GrowthPlace"/>: created now they come first and push every task further down the pages; created
/// before every task they come last and only make the listing longer. Not thread-safe: the store's lock guards it.
/// </summary>
internal sealed class TaskGrowth(int perPage, GrowthPlace place, int seed)
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);

    // Its own sequence, apart from the starting tasks' generator: the same seed starts with the same tasks either way.
    private readonly TaskGenerator _generator = new(unchecked((seed * 397) ^ 0x6A09E667), DateTimeOffset.UnixEpoch);
    private DateTimeOffset? _newest;
    private DateTimeOffset? _oldest;

    /// <summary>Tasks created so far.</summary>
    public int Created { get; private set; }

    /// <summary>The next <c>perPage</c> tasks, each created after (front) or before (end) every task in <paramref name="existing"/>.</summary>
    public List<SimTask> Next(IEnumerable<SimTask> existing, DateTimeOffset now)
    {
        if (_newest is null || _oldest is null)
        {
            var times = existing.Select(t => t.CreatedAt).OfType<DateTimeOffset>().ToList();
            _newest = times.Count == 0 ? now : times.Max();
            _oldest = times.Count == 0 ? now : times.Min();
        }

        var created = new List<SimTask>(perPage);
        for (var i = 0; i < perPage; i++)
        {
            // Strictly newer (or older) than the one before, so the order of created tasks is their creation order.
            DateTimeOffset at;
            if (place == GrowthPlace.Front)
            {
                at = now > _newest.Value ? now : _newest.Value + Step;
                _newest = at;
            }
            else
            {
                at = _oldest.Value - Step;
                _oldest = at;
            }

            created.Add(_generator.NextCreatedAt(at));
        }

        Created += created.Count;
        return created;
    }
}

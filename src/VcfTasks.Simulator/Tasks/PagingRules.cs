using VcfTasks.Simulator.Model;
using VcfTasks.Simulator.Wire;

namespace VcfTasks.Simulator.Tasks;

/// <summary>
/// How this simulator pages a listing, to play the servers a client meets in the field (issue 13): pages counted
/// from 0 or 1, a page size of its own (fixed, or capped below what was asked), page metadata that is partial or
/// contradicts itself, tasks created while a client pages, and answers to side-by-side requests out of order.
/// The defaults are SDDC Manager's own paging: from 0, as asked up to 100, full metadata, nothing created.
/// </summary>
internal sealed class PagingRules
{
    /// <summary>The command-line spellings of <see cref="PageMetadataMode"/>.</summary>
    public static readonly IReadOnlyDictionary<string, PageMetadataMode> MetadataModes = new Dictionary<string, PageMetadataMode>(StringComparer.Ordinal)
    {
        ["full"] = PageMetadataMode.Full,
        ["no-total-pages"] = PageMetadataMode.NoTotalPages,
        ["no-total-elements"] = PageMetadataMode.NoTotalElements,
        ["none"] = PageMetadataMode.None,
        ["contradict"] = PageMetadataMode.Contradict,
    };

    /// <summary>The command-line spellings of <see cref="GrowthPlace"/>.</summary>
    public static readonly IReadOnlyDictionary<string, GrowthPlace> GrowthPlaces = new Dictionary<string, GrowthPlace>(StringComparer.Ordinal)
    {
        ["front"] = GrowthPlace.Front,
        ["end"] = GrowthPlace.End,
    };

    private PagingRules(SimulatorOptions o)
    {
        PageBase = o.PageBase;
        ServedSize = o.PageSizeServed;
        SizeCap = o.PageSizeCap;
        Metadata = MetadataModes[o.PageMetadata];
        GrowPerPage = o.GrowPerPage;
        GrowAt = GrowthPlaces[o.GrowAt];
        Seed = o.Seed;
        AnswerOrder = o.OutOfOrderMs > 0 ? new ReversedBatches(o.OutOfOrderMs) : null;
    }

    /// <summary>SDDC Manager's own paging (what a store made without options gets).</summary>
    public static PagingRules Default { get; } = new(new SimulatorOptions());

    /// <summary>0 or 1: the number of the first page, in requests and in <c>pageMetadata</c>.</summary>
    public int PageBase { get; }

    /// <summary>The size of every page whatever was asked, or null to serve what was asked (up to <see cref="SizeCap"/>).</summary>
    public int? ServedSize { get; }

    /// <summary>The largest page served when the request asks for a size.</summary>
    public int SizeCap { get; }

    /// <summary>What <c>pageMetadata</c> says.</summary>
    public PageMetadataMode Metadata { get; }

    /// <summary>Tasks created after each answered listing request.</summary>
    public int GrowPerPage { get; }

    /// <summary>Where created tasks land in the default order.</summary>
    public GrowthPlace GrowAt { get; }

    /// <summary>Seed of the created tasks, so one seed creates the same tasks in the same order.</summary>
    public int Seed { get; }

    /// <summary>Holds side-by-side listing requests and answers them last first; null answers each at once.</summary>
    public ReversedBatches? AnswerOrder { get; }

    /// <summary>The rules of <paramref name="options"/>; throws <see cref="ArgumentException"/> for values that cannot go together.</summary>
    public static PagingRules From(SimulatorOptions options) =>
        Problem(options) is { } problem ? throw new ArgumentException(problem, nameof(options)) : new PagingRules(options);

    /// <summary>What is wrong with the paging options, in the command line's words, or null when nothing is.</summary>
    public static string? Problem(SimulatorOptions o)
    {
        if (o.PageBase is not (0 or 1))
        {
            return $"Option '--page-base' needs 0 or 1, not '{o.PageBase}'.";
        }

        if (o.PageSizeServed is < 1)
        {
            return $"Option '--page-size-served' needs 1 or more, not '{o.PageSizeServed}'.";
        }

        if (o.PageSizeCap < 1)
        {
            return $"Option '--page-size-cap' needs 1 or more, not '{o.PageSizeCap}'.";
        }

        if (o.PageSizeServed is not null && o.PageSizeCap != TaskQuery.MaxPageSize)
        {
            return "Options '--page-size-served' and '--page-size-cap' cannot go together: a page size is either fixed or capped.";
        }

        if (!MetadataModes.ContainsKey(o.PageMetadata ?? ""))
        {
            return $"Option '--page-metadata' needs one of {string.Join(", ", MetadataModes.Keys)}, not '{o.PageMetadata}'.";
        }

        if (!GrowthPlaces.ContainsKey(o.GrowAt ?? ""))
        {
            return $"Option '--grow-at' needs one of {string.Join(", ", GrowthPlaces.Keys)}, not '{o.GrowAt}'.";
        }

        if (o.GrowPerPage < 0 || o.OutOfOrderMs < 0)
        {
            return "Options '--grow-per-page' and '--out-of-order' need 0 or more.";
        }

        var paged = ApiProfile.Find(o.Api)?.Paged ?? true;
        var pagingChanged = o.PageBase != 0 || o.PageSizeServed is not null || o.PageSizeCap != TaskQuery.MaxPageSize || o.PageMetadata != "full";
        if (!paged && pagingChanged)
        {
            // 4.5 answers every listing whole and without pageMetadata: these options would silently do nothing.
            return $"Options '--page-base', '--page-size-served', '--page-size-cap' and '--page-metadata' need a paged API (5.2 or 9.0); '--api {o.Api}' has no paging.";
        }

        return null;
    }

    /// <summary>
    /// The page that <paramref name="query"/> asks for, cut from <paramref name="selection"/> (already limited to
    /// <paramref name="count"/> matches), with the metadata that tells the truth about it; what of that metadata
    /// goes on the wire is <see cref="Metadata"/>'s business (<see cref="TaskWriter"/>).
    /// </summary>
    public Page<SimTask> Cut(TaskQuery query, IReadOnlyList<SimTask> selection, int count)
    {
        var size = ServedSize ?? (query.PageSize is { } asked ? Math.Min(asked, SizeCap) : (int?)null);
        if (size is not { } served)
        {
            // Without pageSize every match comes in one page: the 4.5 behaviour older clients rely on.
            return new Page<SimTask>(Slice(selection, 0, count, count), new PageMetadata(PageBase, count, count, 1));
        }

        // Counting from 1, page 0 is the first page too (a Spring server with one-indexed parameters does this).
        var index = Math.Max(0, query.PageNumber - PageBase);
        var totalPages = (int)(((long)count + served - 1) / served);
        var elements = Slice(selection, (int)Math.Min(int.MaxValue, (long)index * served), served, count);
        return new Page<SimTask>(elements, new PageMetadata(index + PageBase, served, count, totalPages));
    }

    /// <summary>Up to <paramref name="take"/> items from <paramref name="from"/>, never past <paramref name="end"/>.</summary>
    private static List<SimTask> Slice(IReadOnlyList<SimTask> items, int from, int take, int end)
    {
        var stop = (int)Math.Min(end, (long)from + take);
        var slice = new List<SimTask>(Math.Max(0, stop - from));
        for (var i = from; i < stop; i++)
        {
            slice.Add(items[i]);
        }

        return slice;
    }
}

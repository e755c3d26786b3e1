namespace VcfTasks.Simulator.Wire;

/// <summary>What a listing page's <c>pageMetadata</c> says (<c>--page-metadata</c>); the page itself is the same in every mode.</summary>
internal enum PageMetadataMode
{
    /// <summary>pageNumber, pageSize, totalElements and totalPages, all true (SDDC Manager).</summary>
    Full,

    /// <summary>No totalPages: a client counts pages from totalElements and the served size.</summary>
    NoTotalPages,

    /// <summary>No totalElements: a client knows the number of pages but not of tasks.</summary>
    NoTotalElements,

    /// <summary>No pageMetadata at all, on a server that pages all the same.</summary>
    None,

    /// <summary>totalPages is 1 whatever totalElements says: counts that contradict each other.</summary>
    Contradict,
}

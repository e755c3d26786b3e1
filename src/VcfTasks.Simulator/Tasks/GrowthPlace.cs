namespace VcfTasks.Simulator.Tasks;

/// <summary>Where tasks created during a listing (<c>--grow-at</c>) land in the default order, newest first.</summary>
internal enum GrowthPlace
{
    /// <summary>Created now, so newest: at the front, where they push every task one place further down the pages.</summary>
    Front,

    /// <summary>Older than every task, so at the end: the pages already read stay as they were and the listing gets longer.</summary>
    End,
}

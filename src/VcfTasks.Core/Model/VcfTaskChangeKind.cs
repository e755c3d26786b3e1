namespace VcfTasks;

/// <summary>What happened to a task between two looks of <c>Watch-VcfTask</c>.</summary>
public enum VcfTaskChangeKind
{
    /// <summary>A task created since the watch began was seen for the first time, not finished yet.</summary>
    Appeared,
    /// <summary>A task not finished changed status (for example a failed task that a retry set running again).</summary>
    StatusChanged,
    /// <summary>A task reached a final state (Successful, Failed, Cancelled, ...).</summary>
    Finished,
}

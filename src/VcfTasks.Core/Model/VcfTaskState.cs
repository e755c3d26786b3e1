namespace VcfTasks;

/// <summary>The one normalised state of a task, subtask or stage, whatever spelling the API used.</summary>
public enum VcfTaskState
{
    /// <summary>A value the module does not know; the raw text is kept in <see cref="VcfTaskStatus.Raw"/>. Never taken for finished.</summary>
    Unknown = 0,
    /// <summary>PENDING / Pending.</summary>
    Pending,
    /// <summary>IN_PROGRESS / In Progress.</summary>
    InProgress,
    /// <summary>SUCCESSFUL / Successful.</summary>
    Successful,
    /// <summary>FAILED / Failed.</summary>
    Failed,
    /// <summary>CANCELLED / Cancelled.</summary>
    Cancelled,
    /// <summary>COMPLETED_WITH_WARNING.</summary>
    CompletedWithWarning,
    /// <summary>SKIPPED.</summary>
    Skipped,
    /// <summary>NOT_APPLICABLE (subtasks).</summary>
    NotApplicable,
    /// <summary>USER_CANCELLED (credentials tasks).</summary>
    UserCancelled,
    /// <summary>INCONSISTENT (credentials tasks).</summary>
    Inconsistent,
}

using System;

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

/// <summary>One change <c>Watch-VcfTask</c> saw: the task as read, what changed, the status before and after, where and when.</summary>
public sealed class VcfTaskChange
{
    /// <summary>A change of <paramref name="task"/>.</summary>
    public VcfTaskChange(VcfTask task, VcfTaskChangeKind change, VcfTaskStatus? previousStatus, DateTimeOffset time)
    {
        Task = task;
        Change = change;
        PreviousStatus = previousStatus;
        Time = time;
    }

    /// <summary>The task as read when the change was seen.</summary>
    public VcfTask Task { get; }

    /// <summary>What happened.</summary>
    public VcfTaskChangeKind Change { get; }

    /// <summary>The status the watch saw before, or null when it had not seen the task before.</summary>
    public VcfTaskStatus? PreviousStatus { get; }

    /// <summary>The status now.</summary>
    public VcfTaskStatus Status => Task.StatusInfo;

    /// <summary>The task's id.</summary>
    public string Id => Task.Id;

    /// <summary>The task's name.</summary>
    public string? Name => Task.Name;

    /// <summary>The SDDC Manager the task is on.</summary>
    public string? Server => Task.Server;

    /// <summary>
    /// When it happened, as well as the watch can tell: the task's completion time for a finished task, else the
    /// moment (client clock) the listing that showed the change came back.
    /// </summary>
    public DateTimeOffset Time { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Change} {Id} {Status}";
}

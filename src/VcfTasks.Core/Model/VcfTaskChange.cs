using System;

namespace VcfTasks;

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

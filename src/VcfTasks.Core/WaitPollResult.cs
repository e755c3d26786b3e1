namespace VcfTasks;

/// <summary>The result of reading one task in a poll: the task, or why it could not be read.</summary>
public sealed class WaitPollResult
{
    internal WaitPollResult(WaitItem item, VcfTask? task, VcfException? error, bool finished)
    {
        Item = item;
        Task = task;
        Error = error;
        Finished = finished;
    }

    /// <summary>The item polled.</summary>
    public WaitItem Item { get; }
    /// <summary>The task as read now, when the read worked.</summary>
    public VcfTask? Task { get; }
    /// <summary>Why the read failed, when it did.</summary>
    public VcfException? Error { get; }
    /// <summary>True when the task reached the state waited for.</summary>
    public bool Finished { get; }
}

using System;

namespace VcfTasks;

/// <summary>A task being waited for: where it lives, how it was last seen, and when it counts as finished.</summary>
public sealed class WaitItem
{
    /// <summary>Waits for <paramref name="id"/> on <paramref name="connection"/>.</summary>
    public WaitItem(VcfConnection connection, string id, VcfTask? last = null)
    {
        Connection = connection;
        Id = id;
        Last = last;
    }

    /// <summary>The connection the task is read from.</summary>
    public VcfConnection Connection { get; }

    /// <summary>The task id.</summary>
    public string Id { get; }

    /// <summary>The task as last read (or as given).</summary>
    public VcfTask? Last { get; internal set; }

    /// <summary>
    /// Set right after a retry: the task's old final state may still be read for a moment, so a final state
    /// counts only once the task was seen running, or its completion time differs from this one.
    /// </summary>
    public bool AwaitNewRun { get; set; }

    /// <summary>The completion time before the retry (with <see cref="AwaitNewRun"/>).</summary>
    public DateTimeOffset? PreviousCompletion { get; set; }

    /// <summary>Set after a cancel: ending CANCELLED is the outcome asked for, not a failure.</summary>
    public bool CancelRequested { get; set; }

    /// <summary>Reads in a row that failed (reset by a good read); the wait gives up on the task after a few.</summary>
    internal int FailedReads { get; set; }

    private bool _seenRunning;

    /// <summary>Whether <paramref name="task"/> is the final state being waited for; remembers a running state.</summary>
    internal bool IsFinal(VcfTask task)
    {
        if (!task.StatusInfo.IsTerminal)
        {
            _seenRunning = true;
            return false;
        }
        return !AwaitNewRun || _seenRunning || task.CompletionTimestamp != PreviousCompletion;
    }
}

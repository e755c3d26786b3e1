using System;

namespace VcfTasks;

/// <summary>
/// One reason SDDC Manager refuses an operation on a task (a row of <see cref="TaskOperations"/>): how to see it in
/// the task as read, so nothing is sent (a preview and a real run alike); how to see it in the server's answer
/// (409 and its kin), for a task that changed after it was read; and what the user can do about it.
/// </summary>
internal sealed class TaskRefusal
{
    private readonly Func<VcfTask, bool>? _inTask;
    private readonly Func<VcfTask, string> _why;
    private readonly Func<int, string, bool>? _inAnswer;
    private readonly Func<string?, string> _advice;

    /// <param name="kind">The error it is.</param>
    /// <param name="inTask">True when the task as read would be refused; null: only the server can tell.</param>
    /// <param name="why">What the task is and what the API allows, after "cannot be retried: ".</param>
    /// <param name="inAnswer">True for the status and <c>errorCode</c> of the server's refusal; null: never answered so.</param>
    /// <param name="advice">What to do, given the task id.</param>
    public TaskRefusal(VcfErrorKind kind, Func<VcfTask, bool>? inTask, Func<VcfTask, string> why,
        Func<int, string, bool>? inAnswer, Func<string?, string> advice)
    {
        Kind = kind;
        _inTask = inTask;
        _why = why;
        _inAnswer = inAnswer;
        _advice = advice;
    }

    /// <summary>The error it is.</summary>
    public VcfErrorKind Kind { get; }

    /// <summary>True when the task as read says the server would refuse.</summary>
    public bool Refuses(VcfTask task) => _inTask?.Invoke(task) == true;

    /// <summary>True when an answer (status and <c>errorCode</c>) is this refusal.</summary>
    public bool Answers(int status, string errorCode) => _inAnswer?.Invoke(status, errorCode) == true;

    /// <summary>The error for <paramref name="task"/>, which <paramref name="verb"/> (e.g. "retried") cannot be.</summary>
    public VcfException For(VcfTask task, string verb) =>
        new(Kind, $"Task {Label(task)}{(task.Server is { Length: > 0 } server ? " on " + server : "")} cannot be {verb}: {_why(task)}.")
        {
            TaskId = task.Id,
            RecommendedAction = _advice(task.Id),
        };

    /// <summary>What the user can do, for the task <paramref name="taskId"/>.</summary>
    public string Advice(string? taskId) => _advice(taskId);

    /// <summary>
    /// "it is FAILED": the status as every message spells it, the API's upper-case name whatever spelling the server
    /// sent (FAILED for "Failed", IN_PROGRESS for "In Progress"), or the text as sent when the module does not know it.
    /// </summary>
    public static string ItIs(VcfTask task) => task.StatusInfo.ApiValue is { Length: > 0 } name ? $"it is {name}" : "it has no status";

    private static string Label(VcfTask task) => string.IsNullOrEmpty(task.Name) ? $"{task.Id}" : $"'{task.Name}' ({task.Id})";
}

using System;
using System.Net.Http;
using VcfTasks.Core.Http;

namespace VcfTasks;

/// <summary>
/// The one table of the task operations: for each, its request (method, whether it may be sent again), its one
/// name in messages, and every reason the server refuses it with the advice that goes with it. A new operation is
/// a value of <see cref="TaskOperation"/> and a row here; <see cref="TaskApi"/> sends it, <see cref="ErrorMapper"/>
/// and the cmdlets read its refusals from here.
/// </summary>
internal static class TaskOperations
{
    private static readonly HttpMethod Patch = new("PATCH");

    /// <summary>A task that is not FAILED: SDDC Manager retries nothing else.</summary>
    private static readonly TaskRefusal NotFailed = new(VcfErrorKind.TaskNotRetryable,
        task => task.StatusInfo.State != VcfTaskState.Failed,
        task => $"{TaskRefusal.ItIs(task)}, and SDDC Manager retries only a FAILED task",
        (status, _) => status == 409,
        id => $"SDDC Manager retries only a FAILED task: see its status with Get-VcfTask -Id {id}.");

    /// <summary>A credentials task: retried through <c>/v1/credentials/tasks</c>, never <c>/v1/tasks</c>.</summary>
    private static readonly TaskRefusal CredentialsTask = new(VcfErrorKind.CredentialTaskNotRetryable,
        task => task.IsCredentialsTask,
        _ => "it is a credentials task, and SDDC Manager retries those only through the credentials API, not /v1/tasks",
        (status, code) => status is 400 or 403 or 409 && code.IndexOf("CREDENTIAL", StringComparison.OrdinalIgnoreCase) >= 0,
        CredentialsAdvice);

    /// <summary>A task that is not IN_PROGRESS: SDDC Manager cancels nothing else.</summary>
    private static readonly TaskRefusal NotRunning = new(VcfErrorKind.TaskNotCancellable,
        task => task.StatusInfo.State != VcfTaskState.InProgress,
        task => $"{TaskRefusal.ItIs(task)}, and SDDC Manager cancels only an IN_PROGRESS task",
        (status, _) => status == 409,
        id => $"SDDC Manager cancels only an IN_PROGRESS task: see its status with Get-VcfTask -Id {id}.");

    /// <summary>A running task the server marks not cancellable (isCancellable false): it runs to its end.</summary>
    private static readonly TaskRefusal MarkedNotCancellable = new(VcfErrorKind.TaskNotCancellable,
        task => task.ReportedIsCancellable == false,
        task => $"{TaskRefusal.ItIs(task)}, but SDDC Manager marks it as not cancellable (isCancellable is false), and cancels only a task it marks cancellable",
        null,
        id => $"It cannot be stopped through the API; wait for it to end with Wait-VcfTask -Id {id}.");

    private static readonly Row[] Rows =
    {
        new(TaskOperation.Listing, HttpMethod.Get, safe: true, "listed", _ => "the task listing"),
        new(TaskOperation.Read, HttpMethod.Get, safe: true, "read", id => $"the read of task '{id}'"),
        // Credentials first: it is the reason whatever the state, and its advice is the one that helps.
        new(TaskOperation.Retry, Patch, safe: false, "retried", id => $"the retry of task '{id}'", CredentialsTask, NotFailed),
        new(TaskOperation.Cancellation, HttpMethod.Delete, safe: false, "cancelled", id => $"the cancellation of task '{id}'", NotRunning, MarkedNotCancellable),
    };

    /// <summary>The row of <paramref name="operation"/>.</summary>
    public static Row Of(TaskOperation operation)
    {
        foreach (var row in Rows)
        {
            if (row.Operation == operation)
            {
                return row;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(operation), operation, "No row in TaskOperations.");
    }

    /// <summary>
    /// The error SDDC Manager would give <paramref name="operation"/> on <paramref name="task"/> as it was read, or
    /// null: checked before anything is asked or sent, so a preview (-WhatIf) and a real run (-Force too) agree.
    /// </summary>
    public static VcfException? Refusal(TaskOperation operation, VcfTask task)
    {
        var row = Of(operation);
        foreach (var refusal in row.Refusals)
        {
            if (refusal.Refuses(task))
            {
                return refusal.For(task, row.Verb);
            }
        }
        return null;
    }

    /// <summary>The refusal an answer (status and <c>errorCode</c>) to <paramref name="operation"/> stands for, or null.</summary>
    public static TaskRefusal? Refusal(TaskOperation operation, int status, string errorCode)
    {
        foreach (var refusal in Of(operation).Refusals)
        {
            if (refusal.Answers(status, errorCode))
            {
                return refusal;
            }
        }
        return null;
    }

    /// <summary>How to retry a credentials task instead: the module does it through the credentials API.</summary>
    public static string CredentialsAdvice(string? taskId) =>
        $"Retry it through the credentials API: Get-VcfCredentialTask -Id {taskId} | Invoke-VcfTaskRetry (PATCH /v1/credentials/tasks/{taskId}).";

    /// <summary>One operation: its request, its name in messages, the reasons the server refuses it.</summary>
    internal sealed class Row
    {
        private readonly Func<string?, string> _name;

        public Row(TaskOperation operation, HttpMethod method, bool safe, string verb, Func<string?, string> name, params TaskRefusal[] refusals)
        {
            Operation = operation;
            Method = method;
            Safe = safe;
            Verb = verb;
            _name = name;
            Refusals = refusals;
        }

        public TaskOperation Operation { get; }

        public HttpMethod Method { get; }

        /// <summary>True when the request changes nothing, so it may be sent again after a transient failure.</summary>
        public bool Safe { get; }

        /// <summary>The past participle in "cannot be retried".</summary>
        public string Verb { get; }

        public TaskRefusal[] Refusals { get; }

        /// <summary>The operation's name in messages, e.g. "the retry of task 'x'".</summary>
        public string Name(string? taskId) => _name(taskId);
    }
}

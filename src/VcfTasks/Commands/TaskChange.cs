using System;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks.Commands;

/// <summary>
/// How one task is changed (issue 15): the action the question or preview names, the request for messages
/// ("PATCH /v1/credentials/tasks/{id}"), and the send itself, made once.
/// </summary>
internal readonly struct TaskChange
{
    public TaskChange(string action, string request, Func<CancellationToken, Task> send)
    {
        Action = action;
        Request = request;
        Send = send;
    }

    public string Action { get; }
    public string Request { get; }
    public Func<CancellationToken, Task> Send { get; }
}

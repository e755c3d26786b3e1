using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks.Commands;

/// <summary>
/// Retries failed SDDC Manager tasks (PATCH /v1/tasks/{id}).
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "VcfTaskRetry", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(VcfTask))]
public sealed class InvokeVcfTaskRetryCommand : TaskActionCmdlet
{
    /// <inheritdoc />
    protected override string Action => "Retry";

    /// <inheritdoc />
    protected override VcfException? Refuse(VcfTask task) => TaskOperations.Refusal(TaskOperation.Retry, task);

    /// <inheritdoc />
    protected override WaitItem WaitFor(VcfConnection connection, VcfTask before) => new(connection, before.Id, before)
    {
        // Right after the PATCH the old FAILED state may still be read: wait for the run the retry started.
        AwaitNewRun = true,
        PreviousCompletion = before.CompletionTimestamp,
    };

    /// <inheritdoc />
    protected override Task Change(VcfConnection connection, string id, CancellationToken ct) => connection.Tasks.RetryAsync(id, ct);
}

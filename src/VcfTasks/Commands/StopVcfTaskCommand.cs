using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Credentials;

namespace VcfTasks.Commands;

/// <summary>
/// Cancels running SDDC Manager tasks (DELETE /v1/tasks/{id}), and failed credentials tasks (DELETE
/// /v1/credentials/tasks/{id}, which abandons the failed password operation). Asks first unless -Force or -Confirm:$false.
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "VcfTask", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(VcfTask))]
public sealed class StopVcfTaskCommand : TaskActionCmdlet
{
    /// <summary>Cancel without asking (-WhatIf still only reports).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override string Action => "Cancel";

    /// <inheritdoc />
    protected override bool Confirm(string target, string action)
    {
        // -Force skips the question but never a what-if, whether typed or from $WhatIfPreference.
        if (SkipsQuestion && !WhatIfActive)
        {
            WriteVerbose($"Performing the operation \"{action}\" on target \"{target}\" (-Force: not asked).");
            return true;
        }
        return ShouldProcess(target, action);
    }

    /// <inheritdoc />
    protected override bool SkipsQuestion => Force && !MyInvocation.BoundParameters.ContainsKey("Confirm");

    /// <inheritdoc />
    protected override string Method => "DELETE";

    /// <inheritdoc />
    protected override VcfException? Refuse(VcfTask task) => task.IsCredentialsTask
        ? CredentialsRefusals.CancelState(task.Id, task.Name, task.StatusInfo, task.Server)
        : TaskOperations.Refusal(TaskOperation.Cancellation, task);

    /// <inheritdoc />
    private protected override TaskChange Prepare(VcfConnection connection, VcfTask before)
    {
        if (!before.IsCredentialsTask)
        {
            return base.Prepare(connection, before);
        }
        // The credentials API cancels only a failed task: say what that means, and read it now so a task that is
        // running again by now gets its refusal and nothing is sent.
        var current = Run(ct => connection.CredentialTasks.GetAsync(before.Id, ct));
        if (CredentialsRefusals.CancelState(current.Id, current.Name, current.StatusInfo, connection.Server) is { } refusal)
        {
            throw refusal;
        }
        var request = $"DELETE /v1/credentials/tasks/{before.Id}";
        return new TaskChange($"Cancel: abandon the failed {current.Describe()} ({request})", request,
            ct => connection.CredentialTasks.CancelAsync(before.Id, ct));
    }

    /// <inheritdoc />
    protected override WaitItem WaitFor(VcfConnection connection, VcfTask before) =>
        new(connection, before.Id, before) { CancelRequested = true };

    /// <inheritdoc />
    protected override Task Change(VcfConnection connection, string id, CancellationToken ct) => connection.Tasks.CancelAsync(id, ct);
}

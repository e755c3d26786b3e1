using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks.Commands;

/// <summary>
/// Cancels running SDDC Manager tasks (DELETE /v1/tasks/{id}). Asks first unless -Force or -Confirm:$false.
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
    protected override bool Confirm(string target)
    {
        // -Force skips the question but never a what-if, whether typed or from $WhatIfPreference.
        if (SkipsQuestion && !WhatIfActive)
        {
            WriteVerbose($"Performing the operation \"{Action}\" on target \"{target}\" (-Force: not asked).");
            return true;
        }
        return ShouldProcess(target, Action);
    }

    /// <inheritdoc />
    protected override bool SkipsQuestion => Force && !MyInvocation.BoundParameters.ContainsKey("Confirm");

    /// <inheritdoc />
    protected override VcfException? Refuse(VcfTask task) => TaskOperations.Refusal(TaskOperation.Cancellation, task);

    /// <inheritdoc />
    protected override WaitItem WaitFor(VcfConnection connection, VcfTask before) =>
        new(connection, before.Id, before) { CancelRequested = true };

    /// <inheritdoc />
    protected override Task Change(VcfConnection connection, string id, CancellationToken ct) => connection.Tasks.CancelAsync(id, ct);
}

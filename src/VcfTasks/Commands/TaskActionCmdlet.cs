using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace VcfTasks.Commands;

/// <summary>
/// The shared shape of a cmdlet that changes tasks one by one (retry, cancel): ids or task objects from the
/// pipeline, each to its own server, ShouldProcess per item, one precise error per failed item while the rest
/// go on, and -PassThru to emit the task as read again afterwards.
/// </summary>
public abstract class TaskActionCmdlet : TaskInputCmdlet
{
    /// <summary>Emit each task as read again after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>After the changes, wait for all the tasks to finish and emit each as it finishes.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>With -Wait: stop waiting after this many seconds (VcfWaitTimeout for each unfinished task).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; }

    private readonly List<WaitItem> _toWaitFor = new();

    /// <summary>The verb for ShouldProcess and messages, e.g. "Retry".</summary>
    protected abstract string Action { get; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (TimeoutSec > 0 && !Wait) WriteWarning("-TimeoutSec applies to the wait: it has no effect without -Wait.");
        base.BeginProcessing();
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var (connection, id, task) in CurrentInput()) Process(connection, id, task);
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (Wait) new WaitDriver(this, TimeoutSec).Wait(_toWaitFor);
        base.EndProcessing();
    }

    private void Process(VcfConnection connection, string id, VcfTask? known)
    {
        try
        {
            if (known is not null && Refuse(known) is { } refusal)
            {
                Report(refusal, id);
                return;
            }
            var target = known?.Name is { Length: > 0 } name ? $"Task '{name}' ({id}) on {connection.Server}" : $"Task {id} on {connection.Server}";
            if (!Confirm(target)) return;
            var before = known;
            if (before is null)
            {
                // Read it first so a credentials task or a missing id gets its own error and no change is sent.
                before = Run(ct => connection.Tasks.GetAsync(id, ct));
                if (Refuse(before) is { } refusal2)
                {
                    Report(refusal2, id);
                    return;
                }
            }
            Run(ct => Change(connection, id, ct));
            WriteVerbose($"{Action} of task {id} on {connection.Server} accepted.");
            if (Wait) _toWaitFor.Add(WaitFor(connection, before));
            else if (PassThru) WriteObject(Run(ct => connection.Tasks.GetAsync(id, ct)));
        }
        catch (VcfException e)
        {
            Report(e, id);
        }
    }

    /// <summary>What to wait for after the change, given the task as it was before.</summary>
    protected abstract WaitItem WaitFor(VcfConnection connection, VcfTask before);

    /// <summary>Asks ShouldProcess (overridden where -Force may skip the question).</summary>
    protected virtual bool Confirm(string target) => ShouldProcess(target, Action);

    /// <summary>An error when this task must not be sent the change at all, else null.</summary>
    protected virtual VcfException? Refuse(VcfTask task) => null;

    /// <summary>Sends the change; sent once, never again.</summary>
    protected abstract System.Threading.Tasks.Task Change(VcfConnection connection, string id, System.Threading.CancellationToken ct);
}

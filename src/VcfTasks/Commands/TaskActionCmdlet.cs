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
        foreach (var target in CurrentInput()) Process(target);
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (Wait) new WaitDriver(this, TimeoutSec).Wait(_toWaitFor);
        base.EndProcessing();
    }

    private void Process(TaskTarget target)
    {
        var connection = target.Connection;
        var id = target.Id;
        try
        {
            // An id is read before anything is asked or sent (a GET changes nothing), so a missing id gets its own
            // error, and the question or preview names the task and its status. A task the server would refuse (a
            // credentials task, one in the wrong state) gets that error here, whether previewed, asked or -Force:
            // -Force skips the question, never the check, and nothing is sent.
            var before = target.Read ?? target.Given ?? Run(ct => connection.Tasks.GetAsync(id, ct));
            if (Refuse(before) is { } refusal)
            {
                Report(refusal, id);
                return;
            }
            var name = before.Name is { Length: > 0 } n ? $"'{n}' " : string.Empty;
            // The status as every message spells it: the API's name (FAILED), whatever spelling the server sent.
            var status = before.StatusInfo.ApiValue is { Length: > 0 } spelled ? $", {spelled}" : string.Empty;
            if (!Confirm($"Task {name}({id}{status}) on {connection.Server}")) return;
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

    /// <summary>-WhatIf, typed or from $WhatIfPreference.</summary>
    protected bool WhatIfActive => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w)
        ? w is SwitchParameter s && s.IsPresent
        : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <summary>True when the cmdlet acts without asking (Stop-VcfTask -Force without -Confirm).</summary>
    protected virtual bool SkipsQuestion => false;

    /// <summary>
    /// The error the server would give this change for the task as read (<c>TaskOperations.Refusal</c>), else null:
    /// the same for a preview, a question and a real run.
    /// </summary>
    protected abstract VcfException? Refuse(VcfTask task);

    /// <summary>What to wait for after the change, given the task as it was before.</summary>
    protected abstract WaitItem WaitFor(VcfConnection connection, VcfTask before);

    /// <summary>Asks ShouldProcess (overridden where -Force may skip the question).</summary>
    protected virtual bool Confirm(string target) => ShouldProcess(target, Action);

    /// <summary>Sends the change; sent once, never again.</summary>
    protected abstract System.Threading.Tasks.Task Change(VcfConnection connection, string id, System.Threading.CancellationToken ct);
}

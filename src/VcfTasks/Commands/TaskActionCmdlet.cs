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
            // An id is read before anything is asked or sent (a GET changes nothing), so a missing id or a credentials
            // task gets its own error, and the question or preview names the task and its status.
            var before = target.Read ?? target.Given ?? Run(ct => connection.Tasks.GetAsync(id, ct));
            if (Refuse(before) is { } refusal)
            {
                Report(refusal, id);
                return;
            }
            // A preview (or a question) must tell what the real run would do: the server refuses a task in the wrong
            // state, so say so here instead of "What if: ... Retry". The real run leaves that to the server.
            if (Previewing && RefuseState(before) is { } stateRefusal)
            {
                Report(stateRefusal, id);
                return;
            }
            // Issue 15: the one routing point. A credentials task is changed through /v1/credentials/tasks (reads
            // only here: what the question names and what the request will hold); any other through /v1/tasks.
            var change = Prepare(connection, before);
            var name = before.Name is { Length: > 0 } n ? $"'{n}' " : string.Empty;
            var status = before.StatusInfo.Raw is { Length: > 0 } raw ? $", {raw}" : string.Empty;
            if (!Confirm($"Task {name}({id}{status}) on {connection.Server}", change.Action)) return;
            Run(change.Send);
            WriteVerbose($"{Action} of task {id} on {connection.Server} accepted ({change.Request}).");
            if (Wait) _toWaitFor.Add(WaitFor(connection, before));
            else if (PassThru) WriteObject(Run(ct => connection.Tasks.GetAsync(id, ct)));
        }
        catch (VcfException e)
        {
            Report(e, id);
        }
    }

    /// <summary>True when ShouldProcess will not simply say yes: -WhatIf (typed or by preference), or a question.</summary>
    private bool Previewing
    {
        get
        {
            if (WhatIfActive) return true;
            if (SkipsQuestion) return false;
            if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm)) return LanguagePrimitives.IsTrue(confirm);
            var preference = LanguagePrimitives.ConvertTo<ConfirmImpact>(GetVariableValue("ConfirmPreference") ?? ConfirmImpact.High);
            var impact = ((CmdletAttribute)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute))).ConfirmImpact;
            return preference != ConfirmImpact.None && impact >= preference;
        }
    }

    /// <summary>-WhatIf, typed or from $WhatIfPreference.</summary>
    protected bool WhatIfActive => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w)
        ? w is SwitchParameter s && s.IsPresent
        : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <summary>True when the cmdlet acts without asking (Stop-VcfTask -Force without -Confirm).</summary>
    protected virtual bool SkipsQuestion => false;

    /// <summary>The error the server would give this change for the task's current state, else null (for previews).</summary>
    protected abstract VcfException? RefuseState(VcfTask task);

    /// <summary>What to wait for after the change, given the task as it was before.</summary>
    protected abstract WaitItem WaitFor(VcfConnection connection, VcfTask before);

    /// <summary>Asks ShouldProcess (overridden where -Force may skip the question).</summary>
    protected virtual bool Confirm(string target, string action) => ShouldProcess(target, action);

    /// <summary>The HTTP method of the change (PATCH, DELETE), for messages.</summary>
    protected abstract string Method { get; }

    /// <summary>
    /// How the change of <paramref name="before"/> is made: through /v1/tasks by default; a subclass routes a
    /// credentials task to the credentials API (issue 15). May read (never change) and throw a VcfException for this task.
    /// </summary>
    private protected virtual TaskChange Prepare(VcfConnection connection, VcfTask before) =>
        new(Action, $"{Method} /v1/tasks/{before.Id}", ct => Change(connection, before.Id, ct));

    /// <summary>An error when this task must not be sent the change at all, else null.</summary>
    protected virtual VcfException? Refuse(VcfTask task) => null;

    /// <summary>Sends the change; sent once, never again.</summary>
    protected abstract System.Threading.Tasks.Task Change(VcfConnection connection, string id, System.Threading.CancellationToken ct);
}

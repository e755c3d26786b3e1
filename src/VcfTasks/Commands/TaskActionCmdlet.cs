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

    /// <summary>
    /// Tasks of one server worked on at once, 1 to 16 (default <see cref="GetVcfTaskCommand.DefaultThrottleLimit"/>,
    /// as for a listing); several servers go side by side. 1 sends one request after another.
    /// </summary>
    [Parameter]
    [ValidateRange(1, TaskPager.MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = GetVcfTaskCommand.DefaultThrottleLimit;

    private readonly List<WaitItem> _toWaitFor = new();
    private OrderedWork? _work;

    /// <summary>The verb for ShouldProcess and messages, e.g. "Retry".</summary>
    protected abstract string Action { get; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (TimeoutSec > 0 && !Wait) WriteWarning("-TimeoutSec applies to the wait: it has no effect without -Wait.");
        base.BeginProcessing();
        // While the user is asked or shown previews, each question comes after the output of the tasks before it.
        _work = new OrderedWork(this, ThrottleLimit) { TurnsAfterOutput = Previewing };
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var work = _work!;
        // What resolving this input writes itself (a blank id, a closed server) must not pass the tasks before it.
        if (ResolvingMayWrite()) work.Drain();
        try
        {
            foreach (var target in CurrentInput()) work.Add(new WorkItem(target.Connection, item => Steps(item, target)));
        }
        catch
        {
            work.Cancel();
            throw;
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        _work?.Drain();
        if (Wait) new WaitDriver(this, TimeoutSec).Wait(_toWaitFor);
        base.EndProcessing();
    }

    // One task: read it (unless it came as an object), refuse what must not be sent, ask in turn, send the change
    // once, then read it again for -PassThru. The requests run side by side; these steps run on the pipeline thread.
    private IEnumerable<WorkStep> Steps(WorkItem item, TaskTarget target)
    {
        var work = _work!;
        var connection = target.Connection;
        var id = target.Id;
        // An id is read before anything is asked or sent (a GET changes nothing), so a missing id gets its own
        // error, and the question or preview names the task and its status. A task the server would refuse (a
        // credentials task, one in the wrong state) gets that error here, whether previewed, asked or -Force:
        // -Force skips the question, never the check, and nothing is sent.
        var before = target.Read ?? target.Given;
        if (before is null)
        {
            var read = work.Start(item, ct => connection.Tasks.GetAsync(id, ct));
            yield return WorkStep.For(read);
            if (WorkItem.Failure(read) is { } readError)
            {
                item.Emit(() => Report(readError, id));
                yield break;
            }
            before = read.Result;
        }
        if (Refuse(before) is { } refusal)
        {
            item.Emit(() => Report(refusal, id));
            yield break;
        }
        yield return WorkStep.InOrder;
        // The one routing point (issue 15): a credentials task is changed through /v1/credentials/tasks (its reads
        // happen here, in turn: what the question names and what the request will hold); any other through /v1/tasks.
        if (TryPrepare(connection, before, out var change) is { } prepareError)
        {
            item.Emit(() => Report(prepareError, id));
            yield break;
        }
        var name = before.Name is { Length: > 0 } n ? $"'{n}' " : string.Empty;
        // The status as every message spells it: the API's name (FAILED), whatever spelling the server sent.
        var status = before.StatusInfo.ApiValue is { Length: > 0 } spelled ? $", {spelled}" : string.Empty;
        if (!Confirm($"Task {name}({id}{status}) on {connection.Server}", change.Action)) yield break;
        var sent = work.Start(item, async ct =>
        {
            await change.Send(ct).ConfigureAwait(false);
            return true;
        });
        yield return WorkStep.For(sent);
        if (WorkItem.Failure(sent) is { } changeError)
        {
            item.Emit(() => Report(changeError, id));
            yield break;
        }
        item.Emit(() => WriteVerbose($"{Action} of task {id} on {connection.Server} accepted ({change.Request})."));
        if (Wait)
        {
            var waitFor = WaitFor(connection, before);
            item.Emit(() => _toWaitFor.Add(waitFor));
        }
        else if (PassThru)
        {
            var again = work.Start(item, ct => connection.Tasks.GetAsync(id, ct));
            yield return WorkStep.For(again);
            if (WorkItem.Failure(again) is { } againError) item.Emit(() => Report(againError, id));
            else item.Emit(() => WriteObject(again.Result));
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

    // Prepare's failure for this task as its error (an iterator cannot catch around a yield).
    private VcfException? TryPrepare(VcfConnection connection, VcfTask before, out TaskChange change)
    {
        try
        {
            change = Prepare(connection, before);
            return null;
        }
        catch (VcfException e)
        {
            change = default;
            return e;
        }
    }

    /// <summary>
    /// The error the server would give this change for the task as read (<c>TaskOperations.Refusal</c>), else null:
    /// the same for a preview, a question and a real run.
    /// </summary>
    protected abstract VcfException? Refuse(VcfTask task);

    /// <summary>Sends the change; sent once, never again.</summary>
    protected abstract System.Threading.Tasks.Task Change(VcfConnection connection, string id, System.Threading.CancellationToken ct);
}

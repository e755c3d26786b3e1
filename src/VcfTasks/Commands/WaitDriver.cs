using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks.Commands;

/// <summary>
/// Drives a <see cref="TaskWaiter"/> on the pipeline thread: polls, emits each task as it finishes (with a
/// VcfTaskFailed error when it ended FAILED or CANCELLED, except a cancellation Stop-VcfTask asked for), shows progress, sleeps between polls (Ctrl+C stops
/// the sleep at once), and at the deadline writes VcfWaitTimeout for each unfinished task with its last state.
/// </summary>
internal sealed class WaitDriver
{
    private const int MaxTaskBars = 10;
    private readonly VcfCmdlet _cmdlet;
    private readonly TimeSpan? _timeout;

    /// <summary>A wait for <paramref name="cmdlet"/>; <paramref name="timeoutSec"/> 0 waits as long as it takes.</summary>
    public WaitDriver(VcfCmdlet cmdlet, int timeoutSec)
    {
        _cmdlet = cmdlet;
        _timeout = timeoutSec > 0 ? TimeSpan.FromSeconds(timeoutSec) : null;
    }

    public void Wait(IReadOnlyList<WaitItem> items)
    {
        if (items.Count == 0) return;
        var waiter = new TaskWaiter(items);
        var clock = Stopwatch.StartNew();
        var bars = items.Take(MaxTaskBars).Select((item, i) => (item, id: i + 2)).ToDictionary(p => p.item, p => p.id);
        int total = items.Count;
        try
        {
            while (true)
            {
                // The wait's deadline bounds a poll too: a slow or retried read must not run past it. A poll cut
                // short returns what it read; the deadline check below then ends the wait.
                var results = _cmdlet.Run(async ct =>
                {
                    using var poll = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    if (_timeout is { } l) poll.CancelAfter(Max(l - clock.Elapsed, TimeSpan.Zero));
                    return await waiter.PollAsync(poll.Token).ConfigureAwait(false);
                });
                foreach (var r in results) Report(r);
                ShowProgress(waiter, bars, total);
                if (waiter.Pending.Count == 0) return;

                var pause = waiter.NextInterval();
                if (_timeout is { } limit)
                {
                    var left = limit - clock.Elapsed;
                    if (left <= TimeSpan.Zero)
                    {
                        TimeOut(waiter, limit);
                        return;
                    }
                    if (left < pause) pause = left;
                }
                _cmdlet.Run(ct => Task.Delay(pause, ct));
            }
        }
        finally
        {
            CompleteProgress(bars, total);
            var servers = items.Select(i => i.Connection).Distinct().Count();
            _cmdlet.WriteVerbose($"Waited for {total} task(s) on {servers} server(s) with {waiter.Requests} request(s) (listing pages and reads by id).");
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private void Report(WaitPollResult r)
    {
        if (r.Error is { } error)
        {
            // Gone: its own error, and the wait goes on for the others. Anything else was retried already;
            // say so and keep waiting: a blip must not end a wait in a 3 a.m. runbook. A server whose connection
            // was closed meanwhile: each of its tasks gets VcfNotConnected, and the other servers' tasks go on.
            if (error.Kind == VcfErrorKind.NotConnected) _cmdlet.WriteError(ErrorRecords.From(error, r.Item.Id));
            else if (r.Finished || ErrorRecords.StopsTheCommand(error.Kind)) _cmdlet.Report(error, r.Item.Id);
            else _cmdlet.WriteWarning($"Could not read task {r.Item.Id} this time; still waiting: {error.Message}");
            return;
        }
        if (!r.Finished || r.Task is null) return;
        _cmdlet.WriteObject(r.Task);
        if (TaskWaiter.FailureOf(r.Task, r.Item.CancelRequested) is { } failed) _cmdlet.Report(failed, r.Task.Id);
    }

    private void TimeOut(TaskWaiter waiter, TimeSpan limit)
    {
        foreach (var item in waiter.Pending.ToList())
        {
            var state = item.Last?.StatusInfo.ApiValue ?? "unknown";
            _cmdlet.Report(new VcfException(VcfErrorKind.WaitTimeout,
                $"Task {item.Id} on {item.Connection.Server} is still {state} after {limit.TotalSeconds:0.#} s of waiting.")
            {
                TaskId = item.Id,
                RecommendedAction = "Wait longer (-TimeoutSec), or look at the task with Get-VcfTask -Id <id> | Format-List.",
            }, item.Id);
            if (item.Last is not null) _cmdlet.WriteObject(item.Last);
        }
    }

    private void ShowProgress(TaskWaiter waiter, Dictionary<WaitItem, int> bars, int total)
    {
        int done = total - waiter.Pending.Count;
        if (total > 1)
        {
            _cmdlet.WriteProgress(new ProgressRecord(1, "Waiting for SDDC Manager tasks", $"{done} of {total} finished")
            {
                PercentComplete = done * 100 / total,
            });
        }
        foreach (var pair in bars)
        {
            var task = pair.Key.Last;
            var finished = !waiter.Pending.Contains(pair.Key);
            var record = new ProgressRecord(pair.Value, $"Task {task?.Name ?? pair.Key.Id}", Describe(task))
            {
                ParentActivityId = total > 1 ? 1 : -1,
                RecordType = finished ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            if (task is { SubTaskCount: > 0 }) record.PercentComplete = task.SubTasksDone * 100 / task.SubTaskCount;
            if (task?.CurrentSubTask is { } current) record.CurrentOperation = current.Description ?? current.Name;
            _cmdlet.WriteProgress(record);
        }
    }

    private static string Describe(VcfTask? task) => task is null
        ? "Reading the task"
        : $"{task.StatusInfo.ApiValue}: {task.SubTasksDone} of {task.SubTaskCount} subtasks done";

    private void CompleteProgress(Dictionary<WaitItem, int> bars, int total)
    {
        foreach (var id in bars.Values)
            _cmdlet.WriteProgress(new ProgressRecord(id, "Task", "Done") { RecordType = ProgressRecordType.Completed, ParentActivityId = total > 1 ? 1 : -1 });
        if (total > 1)
            _cmdlet.WriteProgress(new ProgressRecord(1, "Waiting for SDDC Manager tasks", "Done") { RecordType = ProgressRecordType.Completed });
    }
}

using System.Security.Cryptography;
using System.Text;
using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Tasks;

/// <summary>
/// Runs retried tasks without timers: a retry records when it started and how it will end, and
/// every read computes the task's state from the elapsed time. Same clock, same answer; and the
/// outcome of attempt N of a task is a hash of (id, N), so it never depends on timing or order.
/// </summary>
internal sealed class RetryEngine(TimeSpan step, int failurePercent)
{
    /// <summary>Starts attempt N+1 of a FAILED task (the caller has checked that it may be retried).</summary>
    public void Start(SimTask task, DateTimeOffset now)
    {
        var attempt = ++task.Attempts;
        var hash = Hash(task.Id, attempt);
        var steps = Math.Max(1, task.SubTasks?.Count ?? 0);
        var endsFailed = (int)(hash % 100) < failurePercent;
        var failingStep = (int)(hash / 100 % (ulong)steps);
        task.Run = new RetryRun(now, attempt, endsFailed, failingStep);
        task.Status = Statuses.InProgress;
        task.CompletionTimestamp = null;
        task.CompletedAt = null;
        task.Errors = [];
        task.IsRetryable = false;
        task.IsCancellable = true;
        task.ResolutionStatus = "UNRESOLVED";
        Advance(task, now);
    }

    /// <summary>Brings a running task up to <paramref name="now"/>; a task without a run is left alone.</summary>
    public void Advance(SimTask task, DateTimeOffset now)
    {
        if (task.Run is not { } run)
        {
            return;
        }

        var steps = Math.Max(1, task.SubTasks?.Count ?? 0);
        var elapsedSteps = (int)Math.Min(int.MaxValue, Math.Max(0, (now - run.Start).Ticks / step.Ticks));
        DateTimeOffset StepStart(int j) => run.Start + step * j;

        if (run.EndsFailed && elapsedSteps > run.FailingStep)
        {
            var rng = new Random((int)Hash(task.Id, run.Attempt));
            var target = Target(task);
            var stepError = FailureFactory.StepError(rng, target);
            Paint(task, run.FailingStep, Statuses.Failed, StepStart, stepError);
            Finish(task, Statuses.Failed, StepStart(run.FailingStep + 1));
            task.Errors = [FailureFactory.TaskError(rng, ErrorCode(task), task.Name ?? task.Id, target, stepError)];
            task.IsRetryable = !task.IsCredentialsTask;
        }
        else if (elapsedSteps >= steps)
        {
            Paint(task, steps, Statuses.Successful, StepStart, null);
            Finish(task, Statuses.Successful, StepStart(steps));
            task.ResolutionStatus = "RESOLVED";
        }
        else
        {
            Paint(task, elapsedSteps, Statuses.InProgress, StepStart, null);
        }
    }

    /// <summary>Cancels a running task: the running step CANCELLED, the later ones stay PENDING.</summary>
    public static void Cancel(SimTask task, DateTimeOffset now)
    {
        if (task.SubTasks is { } subs)
        {
            foreach (var sub in subs.Where(s => Statuses.Normalize(s.Status) == Statuses.InProgress))
            {
                sub.Status = Statuses.Cancelled;
                sub.CompletionTimestamp = Statuses.Format(now);
                foreach (var stage in sub.Stages ?? [])
                {
                    if (stage.Status == Statuses.InProgress)
                    {
                        stage.Status = Statuses.Pending;
                    }
                }
            }
        }

        Finish(task, Statuses.Cancelled, now);
    }

    private static void Paint(SimTask task, int current, string status, Func<int, DateTimeOffset> stepStart, ApiError? error)
    {
        if (task.SubTasks is { } subs)
        {
            StepPainter.Paint(subs, current, status, stepStart, error);
        }
    }

    private static void Finish(SimTask task, string status, DateTimeOffset at)
    {
        task.Run = null;
        task.Status = status;
        task.CompletionTimestamp = Statuses.Format(at);
        task.CompletedAt = at;
        task.IsCancellable = false;
        task.IsRetryable = false;
    }

    private static string Target(SimTask task) =>
        task.Resources?.FirstOrDefault() is { } r ? r.Fqdn ?? r.Name ?? r.ResourceId : task.Id;

    private static string ErrorCode(SimTask task) =>
        task.Type is { Length: > 0 } type ? type + "_FAILED" : task.Errors?.FirstOrDefault()?.ErrorCode ?? "TASK_FAILED";

    /// <summary>A stable 64-bit hash of (id, attempt); string.GetHashCode is randomised per process.</summary>
    internal static ulong Hash(string id, int attempt)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{id}#{attempt}"), digest);
        return BitConverter.ToUInt64(digest[..8]) & 0x7FFF_FFFF_FFFF_FFFF;
    }
}

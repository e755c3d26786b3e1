using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Tasks;

/// <summary>
/// Makes sub-tasks and stages agree with the task: the steps before the current one succeeded,
/// the current one has the given status, the later ones are still PENDING. Both the generator
/// and a running retry use it, so a task looks the same whichever way it reached a state.
/// </summary>
internal static class StepPainter
{
    /// <param name="subTasks">the steps, in order</param>
    /// <param name="current">index of the step that has <paramref name="currentStatus"/>; Count means all succeeded</param>
    /// <param name="currentStatus">upper-case status of the current step</param>
    /// <param name="stepStart">when step j started (j = Count gives the end of the last step)</param>
    /// <param name="currentError">error of the current step when it FAILED</param>
    public static void Paint(
        List<SimSubTask> subTasks, int current, string currentStatus, Func<int, DateTimeOffset> stepStart, ApiError? currentError)
    {
        for (var j = 0; j < subTasks.Count; j++)
        {
            var sub = subTasks[j];
            var status = j < current ? Statuses.Successful : j == current ? currentStatus : Statuses.Pending;
            var finished = status is Statuses.Successful or Statuses.Failed or Statuses.Cancelled;
            var started = j <= current;
            sub.Status = status;
            sub.CreationTimestamp = Statuses.Format(stepStart(started ? j : 0));
            sub.CompletionTimestamp = finished ? Statuses.Format(stepStart(j + 1)) : null;
            sub.Errors = status == Statuses.Failed && currentError is not null ? [currentError] : [];
            PaintStages(sub, status, currentError);
        }
    }

    private static void PaintStages(SimSubTask sub, string status, ApiError? error)
    {
        if (sub.Stages is not { Count: > 0 } stages)
        {
            return;
        }

        var last = stages.Count - 1;
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            stage.Status = status switch
            {
                Statuses.Successful => Statuses.Successful,
                Statuses.Failed => i < last ? Statuses.Successful : Statuses.Failed,
                Statuses.InProgress => i < last ? Statuses.Successful : Statuses.InProgress,
                _ => Statuses.Pending,
            };
            stage.CreationTimestamp = sub.CreationTimestamp;
            stage.CompletionTimestamp = stage.Status is Statuses.Successful or Statuses.Failed ? sub.CompletionTimestamp : null;
            stage.Errors = stage.Status == Statuses.Failed && error is not null ? [error] : [];
        }
    }
}

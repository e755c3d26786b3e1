using System.Text.Json;
using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Tasks;

/// <summary>Outcome of a change asked of the credentials API.</summary>
internal enum CredentialsChangeResult
{
    Done,
    NotFound,
    NotFailed,
    BadSpec,
}

/// <summary>A credentials change's outcome, the reason of a refusal, and the task as /v1/tasks now shows it.</summary>
internal sealed record CredentialsChange(CredentialsChangeResult Result, string? Reason = null, byte[]? Task = null);

/// <summary>
/// The /v1/credentials/tasks side of the store (issue 15). Credentials tasks are the same tasks as in /v1/tasks,
/// under the same ids and the same lock; these methods give fresh projections, never the tasks themselves. Only a
/// FAILED credentials task is retried (with a spec that passes <see cref="CredentialsSpecCheck"/>) or cancelled.
/// </summary>
internal sealed partial class TaskStore
{
    /// <summary>The credentials tasks, newest first, up to <paramref name="limit"/>.</summary>
    public Page<CredentialsTask> ListCredentials(int? limit)
    {
        lock (_gate)
        {
            var selected = TaskQuery.All.Order(_tasks.Where(t => t.IsCredentialsTask).Select(Advanced)).Take(limit ?? int.MaxValue).ToList();
            var elements = selected.Select(CredentialsProjection.From).ToList();
            return new Page<CredentialsTask>(elements, new PageMetadata(0, elements.Count, elements.Count, 1));
        }
    }

    /// <summary>One credentials task, or null.</summary>
    public CredentialsTask? GetCredentials(string id)
    {
        lock (_gate)
        {
            return Find(id) is { IsCredentialsTask: true } t ? CredentialsProjection.From(t) : null;
        }
    }

    /// <summary>A credentials task's resource credentials, or null.</summary>
    public List<ResourceCredentials>? ResourceCredentials(string id)
    {
        lock (_gate)
        {
            return Find(id) is { IsCredentialsTask: true } t ? CredentialsProjection.Resources(t) : null;
        }
    }

    /// <summary>PATCH /v1/credentials/tasks/{id}: re-runs a FAILED credentials task when <paramref name="body"/> is a valid spec for it.</summary>
    public CredentialsChange RetryCredentials(string id, JsonDocument? body)
    {
        lock (_gate)
        {
            if (Find(id) is not { IsCredentialsTask: true } t)
            {
                return new CredentialsChange(CredentialsChangeResult.NotFound);
            }

            // The body is checked first, as a Spring server validates a request body before the handler runs.
            if (CredentialsSpecCheck.Problem(body, CredentialsProjection.OperationType(t)) is { } problem)
            {
                return new CredentialsChange(CredentialsChangeResult.BadSpec, problem);
            }

            if (Statuses.Normalize(t.Status) != Statuses.Failed)
            {
                return new CredentialsChange(CredentialsChangeResult.NotFailed, Statuses.Normalize(t.Status));
            }

            _engine.Start(t, _clock.GetUtcNow());
            t.IsCancellable = false; // a running password operation cannot be cancelled
            Changed(t);
            return new CredentialsChange(CredentialsChangeResult.Done, Task: _writer.Task(t));
        }
    }

    /// <summary>DELETE /v1/credentials/tasks/{id}: abandons a FAILED credentials task (USER_CANCELLED; CANCELLED in /v1/tasks).</summary>
    public CredentialsChange CancelCredentials(string id)
    {
        lock (_gate)
        {
            if (Find(id) is not { IsCredentialsTask: true } t)
            {
                return new CredentialsChange(CredentialsChangeResult.NotFound);
            }

            if (Statuses.Normalize(t.Status) != Statuses.Failed)
            {
                return new CredentialsChange(CredentialsChangeResult.NotFailed, Statuses.Normalize(t.Status));
            }

            t.Status = Statuses.Cancelled;
            t.CompletedAt = _clock.GetUtcNow();
            t.CompletionTimestamp = Statuses.Format(t.CompletedAt.Value);
            t.IsRetryable = false;
            t.IsCancellable = false;
            t.ResolutionStatus = "RESOLVED";
            Changed(t);
            return new CredentialsChange(CredentialsChangeResult.Done, Task: _writer.Task(t));
        }
    }
}

using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Http;
using VcfTasks.Core.Json;
using VcfTasks.Core.Model;

namespace VcfTasks;

/// <summary>The task operations of one connection: list, get, retry, cancel.</summary>
public sealed class TaskApi
{
    private static readonly HttpMethod Patch = new("PATCH");
    private readonly Transport _transport;
    private readonly Uri _baseUri;

    internal TaskApi(VcfConnection connection, Transport transport, Uri baseUri)
    {
        Connection = connection;
        _transport = transport;
        _baseUri = baseUri;
    }

    internal VcfConnection Connection { get; }

    /// <summary>A listing, read page by page as the caller asks, one request at a time.</summary>
    public TaskPager List(TaskQuery query) => new(this, query, 1);

    /// <summary>
    /// A listing that requests up to <paramref name="throttleLimit"/> pages (1 to <see cref="TaskPager.MaxThrottleLimit"/>)
    /// side by side once the server has said how many there are; the caller still gets them in page order.
    /// </summary>
    public TaskPager List(TaskQuery query, int throttleLimit) => new(this, query, throttleLimit);

    /// <param name="pathAndQuery">The page's address.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <param name="onTransientStatus">Told each transient status (429, 503, …) an attempt got, before any retry.</param>
    internal Task<PageOfTask> GetPageAsync(string pathAndQuery, CancellationToken ct, Action<int>? onTransientStatus = null)
    {
        var uri = new Uri(_baseUri, pathAndQuery);
        return _transport.ExecuteAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), idempotent: true, ErrorMapper.Describe(TaskOperation.List, null),
            (response, token) => ReadAsync(response, VcfJson.Info<PageOfTask>(), TaskOperation.List, null, token), ct, onTransientStatus);
    }

    // A success body as T, or the failure named for what its status means to the operation.
    private async Task<T> ReadAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type,
        TaskOperation operation, string? id, CancellationToken ct)
    {
        await ThrowIfFailedAsync(response, operation, id, ct).ConfigureAwait(false);
        return await ErrorMapper.ReadJsonAsync(response, type, ErrorMapper.Describe(operation, id), ct).ConfigureAwait(false);
    }

    private async Task ThrowIfFailedAsync(HttpResponseMessage response, TaskOperation operation, string? id, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
            throw await ErrorMapper.ToExceptionAsync(response, operation, id, Connection.Server, ct).ConfigureAwait(false);
    }

    /// <summary><c>GET /v1/tasks/{id}</c>.</summary>
    public async Task<VcfTask> GetAsync(string id, CancellationToken ct)
    {
        var uri = TaskUri(id);
        var task = await _transport.ExecuteAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), idempotent: true, ErrorMapper.Describe(TaskOperation.Get, id),
            (response, token) => ReadAsync(response, VcfJson.Info<VcfTask>(), TaskOperation.Get, id, token), ct).ConfigureAwait(false);
        // The id is the one thing a task always has; a server that leaves it out still answered for this one.
        if (string.IsNullOrWhiteSpace(task.Id)) task.Id = id;
        task.Connection = Connection;
        Connection.Seen.Add(task);
        return task;
    }

    /// <summary>
    /// Why <paramref name="task"/> must not be sent a retry through <c>/v1/tasks</c> at all, or null: SDDC Manager
    /// retries a credentials task only through the credentials API.
    /// </summary>
    public static VcfException? RetryRefusal(VcfTask task) => task.IsCredentialsTask
        ? new VcfException(VcfErrorKind.CredentialTaskNotRetryable,
            $"Task '{task.Name}' ({task.Id}) is a credentials task: SDDC Manager retries those only through the credentials API, not /v1/tasks.")
        {
            TaskId = task.Id,
            RecommendedAction = ErrorMapper.CredentialsAdvice(task.Id),
        }
        : null;

    /// <summary>
    /// The error SDDC Manager gives a retry of <paramref name="task"/> in its current state (only a FAILED task can
    /// be retried), or null: what a preview (-WhatIf) reports so that it tells what the real run would.
    /// </summary>
    public static VcfException? RetryStateRefusal(VcfTask task) => task.StatusInfo.State == VcfTaskState.Failed
        ? null
        : new VcfException(VcfErrorKind.TaskNotRetryable,
            $"Task '{task.Name}' ({task.Id}) on {task.Server} cannot be retried: it is {task.StatusInfo.Raw}, and only a failed task can be retried.")
        {
            TaskId = task.Id,
            RecommendedAction = "Only a FAILED task can be retried. See its Status with Get-VcfTask.",
        };

    /// <summary>
    /// The error SDDC Manager gives a cancellation of <paramref name="task"/> in its current state (only an
    /// IN_PROGRESS task that does not say it cannot be cancelled), or null; for previews, as above.
    /// </summary>
    public static VcfException? CancelStateRefusal(VcfTask task) => task.StatusInfo.State == VcfTaskState.InProgress && task.ReportedIsCancellable != false
        ? null
        : new VcfException(VcfErrorKind.TaskNotCancellable,
            $"Task '{task.Name}' ({task.Id}) on {task.Server} cannot be cancelled: it is {task.StatusInfo.Raw}{(task.ReportedIsCancellable == false ? " and not cancellable" : "")}, and only an IN_PROGRESS task can be cancelled.")
        {
            TaskId = task.Id,
            RecommendedAction = "Only an IN_PROGRESS task can be cancelled. See its Status with Get-VcfTask.",
        };

    /// <summary><c>PATCH /v1/tasks/{id}</c>: retries a failed task. Sent once, never again, whatever happens.</summary>
    public Task RetryAsync(string id, CancellationToken ct) => ChangeAsync(Patch, id, TaskOperation.Retry, $"the retry of task '{id}'", ct);

    /// <summary><c>DELETE /v1/tasks/{id}</c>: cancels a running task. Sent once, never again, whatever happens.</summary>
    public Task CancelAsync(string id, CancellationToken ct) => ChangeAsync(HttpMethod.Delete, id, TaskOperation.Cancel, $"the cancellation of task '{id}'", ct);

    private async Task ChangeAsync(HttpMethod method, string id, TaskOperation operation, string what, CancellationToken ct)
    {
        var uri = TaskUri(id);
        try
        {
            await _transport.ExecuteAsync(() => new HttpRequestMessage(method, uri), idempotent: false, what,
                async (response, token) =>
                {
                    await ThrowIfFailedAsync(response, operation, id, token).ConfigureAwait(false);
                    return true;
                }, ct).ConfigureAwait(false);
        }
        catch (VcfException e) when (e.Kind == VcfErrorKind.OutcomeUnknown)
        {
            e.TaskId = id;
            await DescribeCurrentStateAsync(e, id, ct).ConfigureAwait(false);
            throw;
        }
    }

    // After an unknown outcome, read the task (a safe GET) so the user learns what did happen: the error carries
    // it (VcfException.Task). Only a read that fails too is a warning, since the error cannot say it.
    private async Task DescribeCurrentStateAsync(VcfException e, string id, CancellationToken ct)
    {
        try
        {
            e.Task = await GetAsync(id, ct).ConfigureAwait(false);
        }
        catch (VcfException inner)
        {
            VcfLog.Write(VcfLogLevel.Warning, $"Task {id}'s state could not be read either: {inner.Message}");
        }
    }

    private Uri TaskUri(string id)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("A task id cannot be empty.", nameof(id));
        return new Uri(_baseUri, "v1/tasks/" + Uri.EscapeDataString(id.Trim()));
    }
}

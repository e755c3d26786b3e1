using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Http;
using VcfTasks.Core.Json;
using VcfTasks.Core.Model;

namespace VcfTasks;

/// <summary>The task operations of one connection (<see cref="TaskOperation"/>: listing, read, retry, cancellation).</summary>
public sealed class TaskApi
{
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
    internal async Task<PageOfTask> GetPageAsync(string pathAndQuery, CancellationToken ct)
    {
        using var answer = await SendAsync(TaskOperation.Listing, null, new Uri(_baseUri, pathAndQuery), ct).ConfigureAwait(false);
        return await ErrorMapper.ResultAsync(answer, TaskOperation.Listing, null, Connection.Server, VcfJson.Info<PageOfTask>(), ct).ConfigureAwait(false);
    }

    /// <summary><c>GET /v1/tasks/{id}</c>.</summary>
    public async Task<VcfTask> GetAsync(string id, CancellationToken ct)
    {
        using var answer = await SendAsync(TaskOperation.Read, id, TaskUri(id), ct).ConfigureAwait(false);
        var task = await ErrorMapper.ResultAsync(answer, TaskOperation.Read, id, Connection.Server, VcfJson.Info<VcfTask>(), ct).ConfigureAwait(false);
        // The id is the one thing a task always has; a server that leaves it out still answered for this one.
        if (string.IsNullOrWhiteSpace(task.Id)) task.Id = id;
        task.Connection = Connection;
        Connection.Seen.Add(task);
        return task;
    }

    /// <summary><c>PATCH /v1/tasks/{id}</c>: retries a failed task. Sent once, never again, whatever happens.</summary>
    public Task RetryAsync(string id, CancellationToken ct) => ChangeAsync(TaskOperation.Retry, id, ct);

    /// <summary><c>DELETE /v1/tasks/{id}</c>: cancels a running task. Sent once, never again, whatever happens.</summary>
    public Task CancelAsync(string id, CancellationToken ct) => ChangeAsync(TaskOperation.Cancellation, id, ct);

    // The request of an operation, as its row in TaskOperations says; the answer comes back whatever its status.
    private Task<HttpAnswer> SendAsync(TaskOperation operation, string? id, Uri uri, CancellationToken ct)
    {
        var row = TaskOperations.Of(operation);
        return _transport.SendAsync(() => new HttpRequestMessage(row.Method, uri), row.Safe, row.Name(id), ct);
    }

    private async Task ChangeAsync(TaskOperation operation, string id, CancellationToken ct)
    {
        var uri = TaskUri(id);
        HttpAnswer answer;
        try
        {
            answer = await SendAsync(operation, id, uri, ct).ConfigureAwait(false);
        }
        catch (VcfException e) when (e.Kind == VcfErrorKind.OutcomeUnknown)
        {
            e.TaskId = id;
            await DescribeCurrentStateAsync(e, id, ct).ConfigureAwait(false);
            throw;
        }
        using (answer)
        {
            ErrorMapper.ThrowIfFailed(answer, operation, id, Connection.Server);
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

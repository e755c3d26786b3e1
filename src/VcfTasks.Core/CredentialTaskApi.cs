using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Credentials;
using VcfTasks.Core.Http;
using VcfTasks.Core.Json;

namespace VcfTasks;

/// <summary>
/// The credentials-task operations of one connection (<c>/v1/credentials/tasks</c>): list, get, retry a failed
/// password operation with a <c>CredentialsUpdateSpec</c>, cancel a failed one. A PATCH or DELETE is sent once,
/// never again. Passwords the server gives back stay inside the core, as SecureStrings, until a retry sends them.
/// </summary>
public sealed class CredentialTaskApi
{
    private static readonly HttpMethod Patch = new("PATCH");
    private readonly Transport _transport;
    private readonly Uri _baseUri;

    internal CredentialTaskApi(VcfConnection connection, Transport transport, Uri baseUri)
    {
        Connection = connection;
        _transport = transport;
        _baseUri = baseUri;
    }

    internal VcfConnection Connection { get; }

    /// <summary><c>GET /v1/credentials/tasks</c>: every credentials task the server lists (it pages nothing, newest first).</summary>
    public async Task<IReadOnlyList<VcfCredentialTask>> ListAsync(CancellationToken ct)
    {
        var page = await GetJsonAsync(new Uri(_baseUri, "v1/credentials/tasks"), VcfJson.Info<PageOfCredentialsTask>(),
            CredentialsOperation.List, null, ct).ConfigureAwait(false);
        var tasks = (page.Elements ?? new List<VcfCredentialTask?>()).Where(t => t is not null && !string.IsNullOrWhiteSpace(t.Id)).Select(t => t!).ToList();
        foreach (var t in tasks)
        {
            t.Connection = Connection;
        }
        return tasks;
    }

    /// <summary><c>GET /v1/credentials/tasks/{id}</c>.</summary>
    public async Task<VcfCredentialTask> GetAsync(string id, CancellationToken ct)
    {
        var task = await GetJsonAsync(TaskUri(id), VcfJson.Info<VcfCredentialTask>(), CredentialsOperation.Get, id, ct).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(task.Id))
        {
            task.Id = id;
        }
        task.Connection = Connection;
        return task;
    }

    /// <summary>
    /// The body a retry of <paramref name="task"/> sends when the caller gives none: the task's own operation and
    /// its <c>resource-credentials</c>, unchanged. <see cref="VcfErrorKind.CredentialsSpecRequired"/> when the server
    /// has no such API (VCF 4.5), gives nothing back, or leaves out a password the operation needs (an UPDATE).
    /// </summary>
    internal async Task<CredentialsUpdateSpec> ServerSpecAsync(VcfCredentialTask task, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(task.OperationType))
        {
            throw CredentialsRefusals.SpecRequired(task, Connection.Server, "SDDC Manager did not say which password operation it is");
        }
        var resources = await GetJsonAsync(new Uri(TaskUri(task.Id) + "/resource-credentials"), VcfJson.Info<List<ResourceCredentialsWire?>>(),
            CredentialsOperation.ResourceCredentials, task.Id, ct).ConfigureAwait(false);
        if (resources is null)
        {
            throw CredentialsRefusals.SpecRequired(task, Connection.Server,
                $"SDDC Manager {Connection.Server} does not give back the credentials of a task (it has no GET /v1/credentials/tasks/{{id}}/resource-credentials, as in VCF 4.5)");
        }
        var spec = CredentialsUpdateSpec.FromServer(task.OperationType!.ToUpperInvariant(), resources);
        if (spec.Elements.Count == 0)
        {
            throw CredentialsRefusals.SpecRequired(task, Connection.Server, $"SDDC Manager {Connection.Server} gave back no resource credentials for it");
        }
        if (spec.MissingPasswords() is { Count: > 0 } missing)
        {
            throw CredentialsRefusals.SpecRequired(task, Connection.Server,
                $"{spec.OperationType} needs a password for each credential and SDDC Manager does not give them back; missing for {string.Join(", ", missing)}");
        }
        return spec;
    }

    /// <summary><c>PATCH /v1/credentials/tasks/{id}</c> with <paramref name="spec"/>: retries a failed password operation. Sent once.</summary>
    internal Task RetryAsync(string id, CredentialsUpdateSpec spec, CancellationToken ct) =>
        ChangeAsync(Patch, id, spec.ToJson(), CredentialsOperation.Retry, ct);

    /// <summary><c>DELETE /v1/credentials/tasks/{id}</c>: cancels a failed password operation (abandons it). Sent once.</summary>
    public Task CancelAsync(string id, CancellationToken ct) => ChangeAsync(HttpMethod.Delete, id, null, CredentialsOperation.Cancel, ct);

    private async Task ChangeAsync(HttpMethod method, string id, byte[]? body, CredentialsOperation operation, CancellationToken ct)
    {
        var uri = TaskUri(id);
        try
        {
            using var answer = await _transport.SendAsync(() =>
                {
                    var request = new HttpRequestMessage(method, uri);
                    if (body is not null)
                    {
                        request.Content = new ByteArrayContent(body);
                        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    }
                    return request;
                }, idempotent: false, CredentialsRefusals.Describe(operation, id), ct).ConfigureAwait(false);
            if (!answer.IsSuccess)
            {
                throw CredentialsRefusals.FromAnswer(answer, operation, id, Connection.Server);
            }
        }
        catch (VcfException e) when (e.Kind == VcfErrorKind.OutcomeUnknown)
        {
            // What did happen is told by the task as /v1/tasks shows it now (a safe GET); see TaskApi.
            e.TaskId = id;
            try
            {
                e.Task = await Connection.Tasks.GetAsync(id, ct).ConfigureAwait(false);
            }
            catch (VcfException inner)
            {
                VcfLog.Write(VcfLogLevel.Warning, $"Task {id}'s state could not be read either: {inner.Message}");
            }
            throw;
        }
        finally
        {
            // The body held the passwords as text: gone as soon as it was sent.
            if (body is not null)
            {
                Array.Clear(body, 0, body.Length);
            }
        }
    }

    // A GET whose 404 means "no such task", except for resource-credentials, where it means "no such API" (null).
    private async Task<T> GetJsonAsync<T>(Uri uri, JsonTypeInfo<T> type, CredentialsOperation operation, string? id, CancellationToken ct)
    {
        using var answer = await _transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), idempotent: true,
            CredentialsRefusals.Describe(operation, id), ct).ConfigureAwait(false);
        if (operation == CredentialsOperation.ResourceCredentials && answer.Status is 404 or 405 or 501)
        {
            return default!;
        }
        if (!answer.IsSuccess)
        {
            throw CredentialsRefusals.FromAnswer(answer, operation, id, Connection.Server);
        }
        return await ErrorMapper.ReadJsonAsync(answer, type, CredentialsRefusals.Describe(operation, id), ct).ConfigureAwait(false);
    }

    private Uri TaskUri(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException("A task id cannot be empty.", nameof(id));
        }
        return new Uri(_baseUri, "v1/credentials/tasks/" + Uri.EscapeDataString(id.Trim()));
    }
}

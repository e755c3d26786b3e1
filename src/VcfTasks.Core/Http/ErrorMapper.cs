using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Json;

namespace VcfTasks.Core.Http;

/// <summary>The task operations, so that a status code can be named for what it means to each.</summary>
internal enum TaskOperation
{
    List,
    Get,
    Retry,
    Cancel,
}

/// <summary>Turns HTTP answers into models or into <see cref="VcfException"/>s with the server's details kept.</summary>
internal static class ErrorMapper
{
    private const int MaxErrorBody = 64 * 1024;

    internal readonly struct ErrorBody
    {
        public ErrorBody(VcfTaskError? error, string snippet)
        {
            Error = error;
            Snippet = snippet;
        }

        public VcfTaskError? Error { get; }
        public string Snippet { get; }
    }

    /// <summary>Reads an <c>Error</c> body if there is one; otherwise keeps a short, redacted snippet of what came.</summary>
    public static async Task<ErrorBody> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        byte[] bytes;
        try
        {
            bytes = await ReadAtMostAsync(response.Content, MaxErrorBody, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new ErrorBody(null, string.Empty);
        }
        try
        {
            var error = JsonSerializer.Deserialize(bytes, VcfJson.Info<VcfTaskError>());
            if (error is not null && (error.ErrorCode is not null || error.Message is not null))
            {
                // The server may echo what it was sent (a token, a password) in any of its texts.
                error.ErrorCode = RedactOrNull(error.ErrorCode);
                error.Message = RedactOrNull(error.Message);
                error.RemediationMessage = RedactOrNull(error.RemediationMessage);
                error.ReferenceToken = RedactOrNull(error.ReferenceToken);
                error.Label = RedactOrNull(error.Label);
                error.RemediationUrl = RedactOrNull(error.RemediationUrl);
                return new ErrorBody(error, string.Empty);
            }
        }
        catch (JsonException)
        {
        }
        return new ErrorBody(null, Redactor.Snippet(Encoding.UTF8.GetString(bytes)));
    }

    private static async Task<byte[]> ReadAtMostAsync(HttpContent content, int max, CancellationToken ct)
    {
        using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
        var buffer = new byte[Math.Min(max, 16 * 1024)];
        using var kept = new MemoryStream();
        int read;
        while (kept.Length < max && (read = await stream.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, max - kept.Length), ct).ConfigureAwait(false)) > 0)
            kept.Write(buffer, 0, read);
        return kept.ToArray();
    }

    /// <summary>The exception for a failed task request, named for what the status means to that operation.</summary>
    public static async Task<VcfException> ToExceptionAsync(HttpResponseMessage response, TaskOperation operation, string? taskId, string server, CancellationToken ct)
    {
        int status = (int)response.StatusCode;
        var body = await ReadErrorAsync(response, ct).ConfigureAwait(false);
        var error = body.Error;
        var code = error?.ErrorCode ?? string.Empty;
        VcfErrorKind kind;
        string what;
        string? advice = null;
        if (status == 401)
        {
            kind = VcfErrorKind.AuthenticationFailed;
            what = $"SDDC Manager {server} did not accept the session";
            advice = "Run Connect-VcfSddcManager again.";
        }
        else if (status == 404 && taskId is not null)
        {
            kind = VcfErrorKind.TaskNotFound;
            what = $"Task '{taskId}' was not found on {server}";
            advice = "Check the id with Get-VcfTask; a task id is the same before and after a retry.";
        }
        else if (status is 400 or 403 or 409 && operation == TaskOperation.Retry && code.IndexOf("CREDENTIAL", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            kind = VcfErrorKind.CredentialTaskNotRetryable;
            what = $"Task '{taskId}' is a credentials task and cannot be retried through /v1/tasks";
            advice = CredentialsAdvice(taskId);
        }
        else if (status == 409 && operation == TaskOperation.Retry)
        {
            kind = VcfErrorKind.TaskNotRetryable;
            what = $"Task '{taskId}' cannot be retried";
            advice = "Only a FAILED task can be retried. See its Status with Get-VcfTask.";
        }
        else if (status == 409 && operation == TaskOperation.Cancel)
        {
            kind = VcfErrorKind.TaskNotCancellable;
            what = $"Task '{taskId}' cannot be cancelled";
            advice = "Only an IN_PROGRESS task can be cancelled. See its Status with Get-VcfTask.";
        }
        else
        {
            kind = VcfErrorKind.ServerError;
            what = $"SDDC Manager {server} answered {status} {response.ReasonPhrase} to {Describe(operation, taskId)}";
        }
        var failure = Compose(kind, what, status, body, advice);
        failure.TaskId = taskId;
        return failure;
    }

    /// <summary>
    /// The exception for a failed answer: <paramref name="what"/> with the server's code and reference token, or
    /// with a redacted snippet of a body that was not an <c>Error</c>; everything the server said is kept.
    /// </summary>
    public static VcfException Compose(VcfErrorKind kind, string what, int status, ErrorBody body, string? advice)
    {
        var message = VcfException.Describe(what, status, body.Error);
        if (body.Error is null && body.Snippet.Length > 0) message += ": " + body.Snippet;
        return new VcfException(kind, message) { RecommendedAction = advice }.WithServerError(status, body.Error);
    }

    private static string? RedactOrNull(string? text) => text is null ? null : Redactor.Redact(text);

    public static string CredentialsAdvice(string? taskId) =>
        $"Retry a credentials task with the credentials API: PATCH /v1/credentials/tasks/{taskId} with a CredentialsUpdateSpec body.";

    /// <summary>How messages name an operation on a task, e.g. "getting task 'x'".</summary>
    public static string Describe(TaskOperation operation, string? taskId) => operation switch
    {
        TaskOperation.List => "the task listing",
        TaskOperation.Get => $"getting task '{taskId}'",
        TaskOperation.Retry => $"retrying task '{taskId}'",
        TaskOperation.Cancel => $"cancelling task '{taskId}'",
        _ => operation.ToString(),
    };

    /// <summary>Reads a success body as <typeparamref name="T"/>; a body that is not the promised JSON is a <see cref="VcfErrorKind.ServerError"/>.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, string what, CancellationToken ct)
    {
        var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using var buffered = new PeekStream(stream);
        try
        {
            var value = await VcfJson.ReadAsync(buffered, type, ct).ConfigureAwait(false);
            if (value is null) throw new JsonException("the body is null");
            return value;
        }
        catch (JsonException e)
        {
            throw new VcfException(VcfErrorKind.ServerError,
                $"SDDC Manager answered {(int)response.StatusCode} to {what} with a body that is not the expected JSON ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}): {Redactor.Snippet(buffered.Head)}", e)
            {
                HttpStatus = (int)response.StatusCode,
            };
        }
    }
}

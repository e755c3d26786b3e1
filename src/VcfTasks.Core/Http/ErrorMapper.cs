using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Json;

namespace VcfTasks.Core.Http;

/// <summary>
/// The one place that says what an answer (<see cref="HttpAnswer"/>) means: a model, or a <see cref="VcfException"/>
/// named for what its status means to the operation (<see cref="TaskOperations"/>), with the server's details kept.
/// </summary>
internal static class ErrorMapper
{
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

    // How much of a body that is not what was expected a message quotes (before the snippet is shortened).
    private const int QuotedHead = 512;

    /// <summary>
    /// The result of <paramref name="operation"/>: the success body as <typeparamref name="T"/>, or the failure the
    /// answer stands for.
    /// </summary>
    public static async Task<T> ResultAsync<T>(HttpAnswer answer, TaskOperation operation, string? taskId, string server,
        JsonTypeInfo<T> type, CancellationToken ct)
    {
        ThrowIfFailed(answer, operation, taskId, server);
        return await ReadJsonAsync(answer, type, TaskOperations.Of(operation).Name(taskId), ct).ConfigureAwait(false);
    }

    /// <summary>Throws the failure an answer to <paramref name="operation"/> stands for; a success passes.</summary>
    public static void ThrowIfFailed(HttpAnswer answer, TaskOperation operation, string? taskId, string server)
    {
        if (!answer.IsSuccess)
        {
            throw ToException(answer, operation, taskId, server);
        }
    }

    /// <summary>Reads an <c>Error</c> body if there is one; otherwise keeps a short, redacted snippet of what came.</summary>
    public static ErrorBody ReadError(HttpAnswer answer)
    {
        try
        {
            using var body = answer.OpenBody();
            var error = JsonSerializer.Deserialize(body, VcfJson.Info<VcfTaskError>());
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
        return new ErrorBody(null, Redactor.Snippet(answer.Head(Transport.MaxErrorBody)));
    }

    /// <summary>The exception for a failed answer to a task operation, named for what the status means to it.</summary>
    public static VcfException ToException(HttpAnswer answer, TaskOperation operation, string? taskId, string server)
    {
        int status = answer.Status;
        var body = ReadError(answer);
        var code = body.Error?.ErrorCode ?? string.Empty;
        var name = TaskOperations.Of(operation).Name(taskId);
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
        else if (TaskOperations.Refusal(operation, status, code) is { } refusal)
        {
            // The task as read allowed it (else nothing would have been sent), so it changed since, or the server
            // knows more: say who refused, and let the server's own words and advice follow.
            kind = refusal.Kind;
            what = $"SDDC Manager {server} refused {name}";
            advice = refusal.Advice(taskId);
        }
        else
        {
            kind = VcfErrorKind.ServerError;
            what = $"SDDC Manager {server} answered {status} {answer.ReasonPhrase} to {name}";
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

    /// <summary>Reads a success body as <typeparamref name="T"/>; a body that is not the promised JSON is a <see cref="VcfErrorKind.ServerError"/>.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpAnswer answer, JsonTypeInfo<T> type, string what, CancellationToken ct)
    {
        try
        {
            using var body = answer.OpenBody();
            var value = await VcfJson.ReadAsync(body, type, ct).ConfigureAwait(false);
            if (value is null) throw new JsonException("the body is null");
            return value;
        }
        catch (JsonException e)
        {
            throw new VcfException(VcfErrorKind.ServerError,
                $"SDDC Manager answered {answer.Status} to {what} with a body that is not the expected JSON ({answer.MediaType ?? "no content type"}): {Redactor.Snippet(answer.Head(QuotedHead))}", e)
            {
                HttpStatus = answer.Status,
            };
        }
    }
}

namespace VcfTasks.Simulator.Model;

/// <summary>Builds complete Error bodies for responses: every field of the schema present, a fresh reference token.</summary>
internal static class ErrorBodies
{
    private const string TokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static ApiError Create(string errorCode, string message, string? remediation = null, params string[] arguments) =>
        new()
        {
            ErrorCode = errorCode,
            ErrorType = "ERROR",
            Arguments = [.. arguments],
            Context = [],
            Message = message,
            RemediationMessage = remediation ?? "",
            Causes = [],
            NestedErrors = [],
            ReferenceToken = ReferenceToken(Random.Shared),
        };

    /// <summary>A short upper-case token like "3XQ0JF", as SDDC Manager puts in its logs.</summary>
    public static string ReferenceToken(Random random) =>
        string.Create(6, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = TokenAlphabet[r.Next(TokenAlphabet.Length)];
            }
        });

    public static ApiError TaskNotFound(string id) =>
        Create("TA_TASK_NOT_FOUND", $"Task with id {id} not found", "Check the task id and retry.", id);

    public static ApiError NotRetryable(string id) =>
        Create("TA_TASK_CAN_NOT_BE_RETRIED", "Task can not be retried. Only a failed Task can be retried.",
            "Retry only tasks whose status is FAILED.", id);

    public static ApiError CredentialsRetryNotSupported(string id) =>
        Create("TA_CREDENTIALS_TASK_RETRY_NOT_SUPPORTED",
            $"Task {id} is a credentials task and can not be retried with this API. Use PATCH /v1/credentials/tasks/{id} instead.",
            "Retry a failed credentials task through PATCH /v1/credentials/tasks/{id} with a CredentialsUpdateSpec.", id);

    public static ApiError NotCancellable(string id) =>
        Create("TA_TASK_CAN_NOT_BE_CANCELLED", "Task can not be cancelled. Only a IN_PROGRESS task can be cancelled.",
            "Cancel only tasks whose status is IN_PROGRESS.", id);

    public static ApiError CredentialsTaskNotFound(string id) =>
        Create("CREDENTIALS_TASK_NOT_FOUND", $"Credentials task with id {id} not found", "Check the task id and retry.", id);

    public static ApiError BadParameter(string name, string value, string why) =>
        Create("TA_INVALID_PARAMETER", $"Invalid value '{value}' for parameter '{name}': {why}",
            "Correct the parameter and retry.", name, value);

    public static ApiError Unauthorized(string why) =>
        Create("UNAUTHORIZED", $"Unauthorized: {why}", "Obtain a new access token with POST /v1/tokens and retry.");
}

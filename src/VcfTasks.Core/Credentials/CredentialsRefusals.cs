using System;
using VcfTasks.Core.Http;

namespace VcfTasks.Core.Credentials;

/// <summary>The credentials API's operations, so that an answer is named for what it means to each.</summary>
internal enum CredentialsOperation
{
    List,
    Get,
    ResourceCredentials,
    Retry,
    Cancel,
}

/// <summary>
/// The credentials API's failures and refusals: answers mapped per operation (kept here, beside
/// <see cref="ErrorMapper"/>, which maps the tasks API), the state rules (only a FAILED credentials task is retried
/// or cancelled), and the spec a retry needs. No message ever holds a password: they name resources, types, users.
/// </summary>
internal static class CredentialsRefusals
{
    /// <summary>How messages name an operation of the credentials API.</summary>
    public static string Describe(CredentialsOperation operation, string? id) => operation switch
    {
        CredentialsOperation.List => "the credentials task listing",
        CredentialsOperation.Get => $"the read of credentials task '{id}'",
        CredentialsOperation.ResourceCredentials => $"the read of the resource credentials of task '{id}'",
        CredentialsOperation.Retry => $"the retry of credentials task '{id}' (PATCH /v1/credentials/tasks/{id})",
        CredentialsOperation.Cancel => $"the cancellation of credentials task '{id}' (DELETE /v1/credentials/tasks/{id})",
        _ => operation.ToString(),
    };

    /// <summary>The exception for a failed answer of the credentials API.</summary>
    public static VcfException FromAnswer(HttpAnswer answer, CredentialsOperation operation, string? id, string server)
    {
        int status = answer.Status;
        if (status == 401 || (status == 404 && id is not null))
        {
            return ErrorMapper.ToException(answer, TaskOperation.Read, id, server);
        }
        var body = ErrorMapper.ReadError(answer);
        var code = body.Error?.ErrorCode ?? string.Empty;
        VcfException failure;
        if (operation == CredentialsOperation.Retry && (status == 409 || (status is 400 or 403 && code.IndexOf("NOT_RETRYABLE", StringComparison.OrdinalIgnoreCase) >= 0)))
        {
            failure = ErrorMapper.Compose(VcfErrorKind.TaskNotRetryable, $"Credentials task '{id}' cannot be retried", status, body,
                "Only a FAILED credentials task can be retried. See its Status with Get-VcfCredentialTask.");
        }
        else if (operation == CredentialsOperation.Cancel && status is 400 or 403 or 409)
        {
            failure = ErrorMapper.Compose(VcfErrorKind.TaskNotCancellable, $"Credentials task '{id}' cannot be cancelled", status, body,
                "Only a FAILED credentials task can be cancelled. See its Status with Get-VcfCredentialTask.");
        }
        else if (operation == CredentialsOperation.Retry && status == 400)
        {
            failure = ErrorMapper.Compose(VcfErrorKind.ServerError, $"SDDC Manager {server} refused the credentials spec of {Describe(operation, id)}", status, body,
                "Check the spec against the task's resources (Get-VcfCredentialTask -Id <id> | Format-List) and retry with -CredentialsSpec.");
        }
        else
        {
            failure = ErrorMapper.Compose(VcfErrorKind.ServerError, $"SDDC Manager {server} answered {status} {answer.ReasonPhrase} to {Describe(operation, id)}", status, body, null);
        }
        failure.TaskId = id;
        return failure;
    }

    /// <summary>Why a credentials task in this state is not retried (only a FAILED one is), or null.</summary>
    public static VcfException? RetryState(string id, string? name, VcfTaskStatus status, string? server) =>
        status.State == VcfTaskState.Failed
            ? null
            : new VcfException(VcfErrorKind.TaskNotRetryable,
                $"Task {Named(name)}({id}) on {server} is a credentials task that is {status.ApiValue}: SDDC Manager retries a password operation only when it has FAILED.")
            {
                TaskId = id,
                RecommendedAction = "Only a FAILED credentials task can be retried. See its Status with Get-VcfCredentialTask.",
            };

    /// <summary>Why a credentials task in this state is not cancelled (only a FAILED one can be; a running one cannot), or null.</summary>
    public static VcfException? CancelState(string id, string? name, VcfTaskStatus status, string? server) =>
        status.State == VcfTaskState.Failed
            ? null
            : new VcfException(VcfErrorKind.TaskNotCancellable,
                $"Task {Named(name)}({id}) on {server} is a credentials task that is {status.ApiValue}: SDDC Manager cancels only a FAILED password operation, which abandons it; " +
                (status.IsTerminal ? "this one has ended." : "a running one cannot be cancelled through the API. Nothing was sent."))
            {
                TaskId = id,
                RecommendedAction = status.IsTerminal
                    ? "Nothing to cancel. See its Status with Get-VcfCredentialTask."
                    : $"Wait for it to end (Wait-VcfTask -Id {id}); if it fails, cancel it then or retry it with Invoke-VcfTaskRetry.",
            };

    /// <summary>A retry that cannot go ahead without the caller's spec: nothing is sent.</summary>
    public static VcfException SpecRequired(VcfCredentialTask task, string server, string why) =>
        new(VcfErrorKind.CredentialsSpecRequired,
            $"Task {Named(task.Name)}({task.Id}) on {server}, {task.Describe()}, was not retried: {why}. Nothing was sent.")
        {
            TaskId = task.Id,
            RecommendedAction = "Retry it with -CredentialsSpec: a hashtable shaped like CredentialsUpdateSpec, e.g. " +
                "@{ operationType = 'UPDATE'; elements = @(@{ resourceName = '<fqdn>'; resourceType = 'ESXI'; credentials = @(@{ credentialType = 'SSH'; username = 'root'; password = (Read-Host -AsSecureString) }) }) } " +
                "(README, \"Credentials tasks\").",
        };

    private static string Named(string? name) => string.IsNullOrEmpty(name) ? string.Empty : $"'{name}' ";
}

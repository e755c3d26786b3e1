namespace VcfTasks;

/// <summary>
/// What went wrong, as a stable name. The cmdlets turn each into the error id <c>Vcf</c> + name
/// (e.g. <see cref="TaskNotFound"/> → <c>VcfTaskNotFound</c>); scripts catch on those ids, so never rename one.
/// </summary>
public enum VcfErrorKind
{
    /// <summary>The server returned an error we have no better name for, or a body that is not what the API promises.</summary>
    ServerError,
    /// <summary>404 for a task.</summary>
    TaskNotFound,
    /// <summary>409 on retry: only a failed task can be retried.</summary>
    TaskNotRetryable,
    /// <summary>409 on cancel: only an in-progress task can be cancelled.</summary>
    TaskNotCancellable,
    /// <summary>A credentials task: retried only through <c>/v1/credentials/tasks/{id}</c>.</summary>
    CredentialTaskNotRetryable,
    /// <summary>No connection to use.</summary>
    NotConnected,
    /// <summary>Credentials, API key or token rejected, or the session could not be renewed.</summary>
    AuthenticationFailed,
    /// <summary>The server's certificate was not trusted.</summary>
    CertificateUntrusted,
    /// <summary>A PATCH or DELETE may have reached the server but no answer came back; it is never sent again.</summary>
    OutcomeUnknown,
    /// <summary>A task ended FAILED or CANCELLED while being waited for.</summary>
    TaskFailed,
    /// <summary>A wait ran out of time.</summary>
    WaitTimeout,
    /// <summary>A request got no answer within the connection's timeout.</summary>
    RequestTimeout,
    /// <summary>The server could not be reached (DNS, refused, reset) and retries did not help.</summary>
    ConnectionFailed,
    /// <summary>A replayed connection was asked for a request its fixture file does not hold.</summary>
    FixtureRequestUnmatched,
    /// <summary>A fixture file could not be read.</summary>
    FixtureInvalid,
    // Issue 15 (credentials tasks):
    /// <summary>A credentials task's retry needs passwords (or a spec) the server does not give back: pass -CredentialsSpec. Nothing was sent.</summary>
    CredentialsSpecRequired,
}

using System.Management.Automation;

namespace VcfTasks;

/// <summary>Turns core failures into ErrorRecords with the stable id, a real category and the server's advice.</summary>
internal static class ErrorRecords
{
    public static ErrorCategory CategoryOf(VcfErrorKind kind) => kind switch
    {
        VcfErrorKind.TaskNotFound => ErrorCategory.ObjectNotFound,
        VcfErrorKind.TaskNotRetryable or VcfErrorKind.TaskNotCancellable or VcfErrorKind.CredentialTaskNotRetryable or
            VcfErrorKind.CredentialsSpecRequired => ErrorCategory.InvalidOperation,
        VcfErrorKind.NotConnected or VcfErrorKind.ConnectionFailed => ErrorCategory.ConnectionError,
        VcfErrorKind.AuthenticationFailed => ErrorCategory.AuthenticationError,
        VcfErrorKind.CertificateUntrusted => ErrorCategory.SecurityError,
        VcfErrorKind.OutcomeUnknown or VcfErrorKind.TaskFailed => ErrorCategory.InvalidResult,
        VcfErrorKind.WaitTimeout or VcfErrorKind.RequestTimeout => ErrorCategory.OperationTimeout,
        VcfErrorKind.FixtureRequestUnmatched or VcfErrorKind.FixtureInvalid => ErrorCategory.InvalidData,
        _ => ErrorCategory.ProtocolError,
    };

    /// <summary>Failures that stop the whole command rather than one item: nothing after them could succeed.</summary>
    public static bool StopsTheCommand(VcfErrorKind kind) => kind is
        VcfErrorKind.NotConnected or VcfErrorKind.AuthenticationFailed or VcfErrorKind.CertificateUntrusted or
        VcfErrorKind.FixtureRequestUnmatched or VcfErrorKind.FixtureInvalid;

    public static ErrorRecord From(VcfException e, object? target)
    {
        var message = e.Message;
        if (e.Task is { } now) message += $" Task {now.Id} is now {now.StatusInfo.ApiValue}.";
        var record = new ErrorRecord(e, e.ErrorId, CategoryOf(e.Kind), target ?? e.TaskId)
        {
            ErrorDetails = new ErrorDetails(message),
        };
        if (!string.IsNullOrEmpty(e.RecommendedAction)) record.ErrorDetails.RecommendedAction = e.RecommendedAction;
        return record;
    }

    public static ErrorRecord NotConnected(string? server)
    {
        var what = server is null
            ? "You are not connected to an SDDC Manager."
            : $"You are not connected to SDDC Manager '{server}'.";
        var e = new VcfException(VcfErrorKind.NotConnected, what)
        {
            RecommendedAction = "Run Connect-VcfSddcManager -Server <name> -Credential <credential> first, or pass -Server with a connection.",
        };
        return From(e, server);
    }
}

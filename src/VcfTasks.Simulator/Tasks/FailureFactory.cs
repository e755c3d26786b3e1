using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Tasks;

/// <summary>Plausible task and step errors, drawn from a caller's Random so that they are reproducible.</summary>
internal static class FailureFactory
{
    private static readonly (string Code, string Message, string Remediation)[] StepFailures =
    [
        ("HOST_VALIDATION_FAILED", "Host {0} failed validation: host is in maintenance mode", "Exit maintenance mode on the host and retry."),
        ("CONNECTION_TIMED_OUT", "Connection to {0} timed out after 300 seconds", "Check network connectivity to the resource and retry."),
        ("INSUFFICIENT_RESOURCES", "Insufficient compute resources to complete the operation on {0}", "Add capacity and retry."),
        ("DNS_RESOLUTION_FAILED", "Failed to resolve {0} in DNS", "Check forward and reverse DNS records and retry."),
        ("OPERATION_TIMED_OUT", "Operation on {0} did not complete within 3600 seconds", "Review the logs of the resource and retry."),
        ("INVALID_CREDENTIALS", "Authentication to {0} failed with the stored credentials", "Remediate the credentials and retry."),
    ];

    /// <summary>The task-level error of a failed task, in the style of the product page's COMMISION_HOST_FAILED.</summary>
    public static ApiError TaskError(Random rng, string errorCode, string taskName, string target, ApiError stepError) =>
        new()
        {
            ErrorCode = errorCode,
            ErrorType = "ERROR",
            Arguments = [target],
            Context = [],
            Message = $"Failed to {taskName}",
            RemediationMessage = "Fix the cause of the failed sub-task and retry the task.",
            Causes = [new ErrorCause { Type = "com.vmware.evo.sddc.orchestrator.exceptions.OrchTaskException", Message = stepError.Message }],
            NestedErrors = [],
            ReferenceToken = ErrorBodies.ReferenceToken(rng),
        };

    /// <summary>The error of the step that failed.</summary>
    public static ApiError StepError(Random rng, string target)
    {
        var (code, message, remediation) = StepFailures[rng.Next(StepFailures.Length)];
        return new ApiError
        {
            ErrorCode = code,
            ErrorType = "ERROR",
            Arguments = [target],
            Context = [],
            Message = string.Format(System.Globalization.CultureInfo.InvariantCulture, message, target),
            RemediationMessage = remediation,
            Causes = [],
            NestedErrors = [],
            ReferenceToken = ErrorBodies.ReferenceToken(rng),
        };
    }
}

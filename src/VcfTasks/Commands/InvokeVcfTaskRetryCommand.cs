using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Credentials;

namespace VcfTasks.Commands;

/// <summary>
/// Retries failed SDDC Manager tasks (PATCH /v1/tasks/{id}); a credentials task through PATCH
/// /v1/credentials/tasks/{id} with the spec the server gives back, or -CredentialsSpec.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "VcfTaskRetry", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(VcfTask))]
public sealed class InvokeVcfTaskRetryCommand : TaskActionCmdlet
{
    private CredentialsUpdateSpec? _spec;

    /// <summary>
    /// For credentials tasks: the body to send, a hashtable or object shaped like the API's CredentialsUpdateSpec
    /// (operationType, elements of resourceName/resourceId, resourceType and credentials of credentialType,
    /// accountType, username, password as text or SecureString). Without it, the server's own spec is sent.
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public object? CredentialsSpec { get; set; }

    /// <inheritdoc />
    protected override string Action => "Retry";

    /// <inheritdoc />
    protected override string Method => "PATCH";

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (CredentialsSpec is not null)
        {
            _spec = CredentialsSpecReader.Read(CredentialsSpec, out var problems);
            if (problems.Count > 0)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new System.ArgumentException($"-CredentialsSpec is not a CredentialsUpdateSpec: {string.Join("; ", problems)}. Nothing was sent."),
                    "VcfInvalidCredentialsSpec", ErrorCategory.InvalidArgument, null));
            }
        }
        base.BeginProcessing();
    }

    /// <inheritdoc />
    protected override VcfException? Refuse(VcfTask task) => task.IsCredentialsTask
        ? CredentialsRefusals.RetryState(task.Id, task.Name, task.StatusInfo, task.Server)
        : TaskOperations.Refusal(TaskOperation.Retry, task);

    /// <inheritdoc />
    private protected override TaskChange Prepare(VcfConnection connection, VcfTask before)
    {
        if (!before.IsCredentialsTask)
        {
            return base.Prepare(connection, before);
        }
        // Read now, so the question names the operation and resources and a retry that cannot go ahead sends nothing.
        var current = Run(ct => connection.CredentialTasks.GetAsync(before.Id, ct));
        if (CredentialsRefusals.RetryState(current.Id, current.Name, current.StatusInfo, connection.Server) is { } refusal)
        {
            throw refusal;
        }
        var spec = _spec ?? Run(ct => connection.CredentialTasks.ServerSpecAsync(current, ct));
        var request = $"PATCH /v1/credentials/tasks/{before.Id}";
        var source = _spec is null ? "the spec SDDC Manager gave back" : "-CredentialsSpec";
        return new TaskChange($"Retry {spec.Describe()} with {source} ({request})", request,
            ct => connection.CredentialTasks.RetryAsync(before.Id, spec, ct));
    }

    /// <inheritdoc />
    protected override WaitItem WaitFor(VcfConnection connection, VcfTask before) => new(connection, before.Id, before)
    {
        // Right after the PATCH the old FAILED state may still be read: wait for the run the retry started.
        AwaitNewRun = true,
        PreviousCompletion = before.CompletionTimestamp,
    };

    /// <inheritdoc />
    protected override Task Change(VcfConnection connection, string id, CancellationToken ct) => connection.Tasks.RetryAsync(id, ct);
}

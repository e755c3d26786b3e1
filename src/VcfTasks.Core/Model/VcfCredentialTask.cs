using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using VcfTasks.Core.Credentials;

namespace VcfTasks;

/// <summary>
/// A password operation (update, rotate, remediate), as <c>GET /v1/credentials/tasks</c> returns it, with the
/// connection it came from. It carries no password: the API's <c>oldPassword</c>/<c>newPassword</c> are never read
/// into it. Its <see cref="Id"/> is the id of the same task in <c>/v1/tasks</c>.
/// </summary>
public sealed class VcfCredentialTask
{
    /// <summary>The task's id; the same in <c>/v1/tasks</c>.</summary>
    [JsonPropertyName("id")] public string Id { get => _id; set => _id = value ?? string.Empty; }
    private string _id = string.Empty;

    /// <summary>The task's name, e.g. "Credentials rotate operation".</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }

    /// <summary>The password operation: UPDATE, ROTATE, REMEDIATE or UPDATE_AUTO_ROTATE_POLICY.</summary>
    [JsonPropertyName("type")] public string? OperationType { get; set; }

    /// <summary>The status, normalised with the raw value kept (PowerShell shows it as <c>Status</c>).</summary>
    [JsonPropertyName("status")][JsonInclude] internal VcfTaskStatus StatusInfo { get; set; } = new VcfTaskStatus(null);

    /// <summary>The status as text: the normalised state (Failed, UserCancelled, …), or the server's text when unknown.</summary>
    [JsonIgnore] public string Status => StatusInfo.ToString();

    [JsonPropertyName("creationTimestamp")][JsonInclude] internal DateTimeOffset? CreatedAt { get; set; }
    [JsonPropertyName("completionTimestamp")][JsonInclude] internal DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When it was created, as a local date and time; null when missing or unreadable.</summary>
    [JsonIgnore] public DateTime? CreationTimestamp => CreatedAt?.LocalDateTime;

    /// <summary>When it completed, as a local date and time; null when missing, unfinished or unreadable.</summary>
    [JsonIgnore] public DateTime? CompletionTimestamp => CompletedAt?.LocalDateTime;

    /// <summary>Whether it is an automatic rotation.</summary>
    [JsonPropertyName("isAutoRotate")] public bool? IsAutoRotate { get; set; }

    /// <summary>One subtask per resource and credential.</summary>
    [JsonPropertyName("subTasks")] public List<VcfCredentialSubTask>? SubTasks { get => _subTasks; set => _subTasks = TextList.From(value); }
    private List<VcfCredentialSubTask>? _subTasks;

    /// <summary>Errors (on a failed task).</summary>
    [JsonPropertyName("errors")] public List<VcfTaskError>? Errors { get => _errors; set => _errors = VcfTaskErrorList.From(value); }
    private List<VcfTaskError>? _errors;

    /// <summary>The resources the operation acts on, each with its credential types and users (from the subtasks).</summary>
    [JsonIgnore]
    public List<VcfCredentialResource> Resources => TextList.From(VcfCredentialResource.Of(SubTasks))!;

    /// <summary>True for a FAILED task: the credentials API retries (PATCH) or cancels (DELETE) only a failed one.</summary>
    [JsonIgnore] public bool IsRetryable => StatusInfo.State == VcfTaskState.Failed;

    /// <summary>True for a FAILED task: cancelling abandons the failed password operation. A running one cannot be cancelled.</summary>
    [JsonIgnore] public bool IsCancellable => StatusInfo.State == VcfTaskState.Failed;

    /// <summary>True when the task is in a final state.</summary>
    [JsonIgnore] public bool IsComplete => StatusInfo.IsTerminal;

    /// <summary>The connection the task was read from (internal, so exports leave it out).</summary>
    [JsonIgnore] internal VcfConnection? Connection { get; set; }

    /// <summary>The connection the task was read from (a method, so exports leave it out).</summary>
    public VcfConnection? GetConnection() => Connection;

    /// <summary>The server the task was read from; with <see cref="Id"/>, what binds it to -Server and -Id of the task cmdlets.</summary>
    [JsonIgnore] public string? Server => Connection?.Server;

    /// <summary>"OPERATION on resource (CREDENTIAL user), …", for previews and messages; never a password.</summary>
    internal string Describe()
    {
        var resources = Resources;
        var on = resources.Count == 0 ? "no resource named" : string.Join(", ", resources.Select(r => r.ToString()));
        return $"{OperationType ?? "credentials operation"} of {on}";
    }

    /// <inheritdoc />
    public override string ToString() => Id;
}

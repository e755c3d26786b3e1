using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using VcfTasks.Core.Credentials;

namespace VcfTasks;

/// <summary>
/// One step of a password operation: one credential of one resource. The API's <c>oldPassword</c> and
/// <c>newPassword</c> have no property here, so they are never read, kept, shown or exported.
/// </summary>
public sealed class VcfCredentialSubTask
{
    /// <summary>The subtask's id.</summary>
    [JsonPropertyName("id")] public string? Id { get; set; }
    /// <summary>The resource's name (usually its FQDN).</summary>
    [JsonPropertyName("resourceName")] public string? ResourceName { get; set; }
    /// <summary>The resource's type, e.g. ESXI, VCENTER.</summary>
    [JsonPropertyName("entityType")] public string? EntityType { get; set; }
    /// <summary>The credential type, e.g. SSH, API, SSO.</summary>
    [JsonPropertyName("credentialType")] public string? CredentialType { get; set; }
    /// <summary>The account whose password the step changes.</summary>
    [JsonPropertyName("username")] public string? Username { get; set; }
    /// <summary>Its name.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>What it does.</summary>
    [JsonPropertyName("description")] public string? Description { get; set; }
    /// <summary>The status, normalised with the raw value kept.</summary>
    [JsonPropertyName("status")][JsonInclude] internal VcfTaskStatus? StatusInfo { get; set; }
    /// <summary>The status as text: the normalised state, or the server's text when unknown.</summary>
    [JsonIgnore] public string? Status => StatusInfo?.ToString();
    [JsonPropertyName("creationTimestamp")][JsonInclude] internal DateTimeOffset? CreatedAt { get; set; }
    [JsonPropertyName("completionTimestamp")][JsonInclude] internal DateTimeOffset? CompletedAt { get; set; }
    /// <summary>When it was created, as a local date and time.</summary>
    [JsonIgnore] public DateTime? CreationTimestamp => CreatedAt?.LocalDateTime;
    /// <summary>When it completed, as a local date and time.</summary>
    [JsonIgnore] public DateTime? CompletionTimestamp => CompletedAt?.LocalDateTime;
    /// <summary>Errors.</summary>
    [JsonPropertyName("errors")] public List<VcfTaskError>? Errors { get => _errors; set => _errors = VcfTaskErrorList.From(value); }
    private List<VcfTaskError>? _errors;
    /// <summary>Steps that depend on this one.</summary>
    [JsonPropertyName("dependentSubTasks")] public List<VcfCredentialSubTask>? DependentSubTasks { get => _dependent; set => _dependent = TextList.From(value); }
    private List<VcfCredentialSubTask>? _dependent;

    /// <summary>"Status resource CREDENTIAL user".</summary>
    public override string ToString() => $"{StatusInfo} {ResourceName} {CredentialType} {Username}".Trim();
}

using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace VcfTasks;

/// <summary>
/// What a subtask and a stage have in common (the API repeats these fields in both): name, type, description, status,
/// times and errors. One place, so a field added to both is added once.
/// </summary>
public abstract class VcfTaskStep
{
    /// <summary>Name, e.g. <c>HostVibValidationAction</c>.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>Type.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    /// <summary>What it does, kept exactly as sent.</summary>
    [JsonPropertyName("description")] public string? Description { get; set; }
    /// <summary>The status, normalised with the raw value kept (PowerShell shows it as <c>Status</c>; see VcfTask).</summary>
    [JsonPropertyName("status")][JsonInclude] internal VcfTaskStatus? StatusInfo { get; set; }

    /// <summary>The status as text: the normalised state, or the server's text when unknown.</summary>
    [JsonIgnore] public string? Status => StatusInfo?.ToString();
    /// <summary>When it was created (UTC); null when missing or unreadable.</summary>
    [JsonPropertyName("creationTimestamp")] public DateTimeOffset? CreationTimestamp { get; set; }
    /// <summary>When it completed (UTC); null when missing or unreadable.</summary>
    [JsonPropertyName("completionTimestamp")] public DateTimeOffset? CompletionTimestamp { get; set; }
    /// <summary>Errors.</summary>
    [JsonPropertyName("errors")] public List<VcfTaskError>? Errors { get => _errors; set => _errors = VcfTaskErrorList.From(value); }
    private VcfTaskErrorList? _errors;

    /// <inheritdoc />
    public override string ToString() => $"{StatusInfo} {Name}";
}

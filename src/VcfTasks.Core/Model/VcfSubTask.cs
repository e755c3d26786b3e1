using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace VcfTasks;

/// <summary>A subtask of a task (subtasks may nest).</summary>
public sealed class VcfSubTask
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
    /// <summary>Stages.</summary>
    [JsonPropertyName("stages")] public List<VcfTaskStage>? Stages { get; set; }
    /// <summary>Errors.</summary>
    [JsonPropertyName("errors")] public List<VcfTaskError>? Errors { get => _errors; set => _errors = VcfTaskErrorList.From(value); }
    private VcfTaskErrorList? _errors;
    /// <summary>Resources.</summary>
    [JsonPropertyName("resources")] public List<VcfTaskResource>? Resources { get => _resources; set => _resources = VcfTaskResourceList.From(value); }
    private VcfTaskResourceList? _resources;
    /// <summary>Nested subtasks.</summary>
    [JsonPropertyName("subTasks")] public List<VcfSubTask>? SubTasks { get => _subTasks; set => _subTasks = VcfSubTaskList.From(value); }
    private VcfSubTaskList? _subTasks;
    /// <summary>Documentation link.</summary>
    [JsonPropertyName("documentationLink")] public VcfDocumentationLink? DocumentationLink { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{StatusInfo} {Name}";
}

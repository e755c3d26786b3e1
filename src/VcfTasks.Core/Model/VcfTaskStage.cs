using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace VcfTasks;

/// <summary>A stage of a subtask.</summary>
public sealed class VcfTaskStage
{
    /// <summary>Name.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>Type.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    /// <summary>Description.</summary>
    [JsonPropertyName("description")] public string? Description { get; set; }
    /// <summary>Status, normalised with the raw value kept.</summary>
    [JsonPropertyName("status")] public VcfTaskStatus? Status { get; set; }
    /// <summary>When it was created (UTC); null when missing or unreadable.</summary>
    [JsonPropertyName("creationTimestamp")] public DateTimeOffset? CreationTimestamp { get; set; }
    /// <summary>When it completed (UTC); null when missing or unreadable.</summary>
    [JsonPropertyName("completionTimestamp")] public DateTimeOffset? CompletionTimestamp { get; set; }
    /// <summary>Errors.</summary>
    [JsonPropertyName("errors")] public List<VcfTaskError>? Errors { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{Status} {Name}";
}

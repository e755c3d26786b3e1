using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace VcfTasks;

/// <summary>The API's <c>Error</c>: on a task, a subtask, a stage, or as the body of a failed request.</summary>
public sealed class VcfTaskError
{
    /// <summary>Machine-readable code, e.g. <c>TA_TASK_NOT_FOUND</c>.</summary>
    [JsonPropertyName("errorCode")] public string? ErrorCode { get; set; }
    /// <summary>ERROR, WARNING, …</summary>
    [JsonPropertyName("errorType")] public string? ErrorType { get; set; }
    /// <summary>Arguments of the localised message.</summary>
    [JsonPropertyName("arguments")] public List<string?>? Arguments { get; set; }
    /// <summary>Extra context the server attached.</summary>
    [JsonPropertyName("context")] public Dictionary<string, string?>? Context { get; set; }
    /// <summary>The message.</summary>
    [JsonPropertyName("message")] public string? Message { get; set; }
    /// <summary>What the server suggests doing about it.</summary>
    [JsonPropertyName("remediationMessage")] public string? RemediationMessage { get; set; }
    /// <summary>Underlying causes.</summary>
    [JsonPropertyName("causes")] public List<VcfErrorCause>? Causes { get; set; }
    /// <summary>Nested errors.</summary>
    [JsonPropertyName("nestedErrors")] public List<VcfTaskError>? NestedErrors { get; set; }
    /// <summary>The token to quote to support, to find the server's log entry.</summary>
    [JsonPropertyName("referenceToken")] public string? ReferenceToken { get; set; }
    /// <summary>A short label, in newer versions.</summary>
    [JsonPropertyName("label")] public string? Label { get; set; }
    /// <summary>A remediation link, in newer versions.</summary>
    [JsonPropertyName("remediationUrl")] public string? RemediationUrl { get; set; }

    /// <summary>"CODE: message".</summary>
    public override string ToString() =>
        string.IsNullOrEmpty(ErrorCode) ? Message ?? string.Empty : $"{ErrorCode}: {Message}";
}

/// <summary>One cause of an <see cref="VcfTaskError"/>.</summary>
public sealed class VcfErrorCause
{
    /// <summary>The cause's type (often an exception class name).</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    /// <summary>The cause's message.</summary>
    [JsonPropertyName("message")] public string? Message { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{Type}: {Message}";
}

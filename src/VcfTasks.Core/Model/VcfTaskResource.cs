using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace VcfTasks;

/// <summary>A resource a task or subtask acts on (a host, a vCenter, a domain, …).</summary>
public sealed class VcfTaskResource
{
    /// <summary>The resource's id.</summary>
    [JsonPropertyName("resourceId")] public string? ResourceId { get; set; }
    /// <summary>Its FQDN, when it has one.</summary>
    [JsonPropertyName("fqdn")] public string? Fqdn { get; set; }
    /// <summary>HOST, VCENTER, ESXI, …</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    /// <summary>Its name.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>Subject alternative names.</summary>
    [JsonPropertyName("sans")] public List<string?>? Sans { get; set; }

    /// <summary>"TYPE name-or-fqdn-or-id".</summary>
    public override string ToString() => $"{Type} {Name ?? Fqdn ?? ResourceId}";
}

/// <summary>The localisable description of a task.</summary>
public sealed class VcfMessagePack
{
    /// <summary>Component.</summary>
    [JsonPropertyName("component")] public string? Component { get; set; }
    /// <summary>Message key.</summary>
    [JsonPropertyName("messageKey")] public string? MessageKey { get; set; }
    /// <summary>Arguments.</summary>
    [JsonPropertyName("arguments")] public List<string?>? Arguments { get; set; }
    /// <summary>The message.</summary>
    [JsonPropertyName("message")] public string? Message { get; set; }
    /// <summary>Bundle.</summary>
    [JsonPropertyName("bundle")] public string? Bundle { get; set; }

    /// <inheritdoc />
    public override string ToString() => Message ?? MessageKey ?? string.Empty;
}

/// <summary>A link to documentation for a subtask.</summary>
public sealed class VcfDocumentationLink
{
    /// <summary>The address.</summary>
    [JsonPropertyName("url")] public string? Url { get; set; }
    /// <summary>The label.</summary>
    [JsonPropertyName("label")] public string? Label { get; set; }

    /// <inheritdoc />
    public override string ToString() => Url ?? string.Empty;
}

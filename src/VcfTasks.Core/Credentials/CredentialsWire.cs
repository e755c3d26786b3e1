using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace VcfTasks.Core.Credentials;

// The credentials API's shapes that the module reads but never shows: they may hold passwords, so they stay
// internal to the core, and only their names, types and users leave it (VcfCredentialResource, previews).

/// <summary>The API's <c>PageOfCredentialsTask</c>.</summary>
internal sealed class PageOfCredentialsTask
{
    [JsonPropertyName("elements")] public List<VcfCredentialTask?>? Elements { get; set; }
}

/// <summary>The API's <c>ResourceCredentials</c>, as <c>GET /v1/credentials/tasks/{id}/resource-credentials</c> gives it.</summary>
internal sealed class ResourceCredentialsWire
{
    [JsonPropertyName("resourceName")] public string? ResourceName { get; set; }
    [JsonPropertyName("resourceId")] public string? ResourceId { get; set; }
    [JsonPropertyName("resourceType")] public string? ResourceType { get; set; }
    [JsonPropertyName("credentials")] public List<BaseCredentialWire?>? Credentials { get; set; }
}

/// <summary>The API's <c>BaseCredential</c>; <see cref="Password"/> is turned into a SecureString at once.</summary>
internal sealed class BaseCredentialWire
{
    [JsonPropertyName("credentialType")] public string? CredentialType { get; set; }
    [JsonPropertyName("accountType")] public string? AccountType { get; set; }
    [JsonPropertyName("username")] public string? Username { get; set; }
    [JsonPropertyName("password")] public string? Password { get; set; }
}

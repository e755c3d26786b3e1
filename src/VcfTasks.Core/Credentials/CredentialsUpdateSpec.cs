using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Security;
using System.Text.Json;

namespace VcfTasks.Core.Credentials;

/// <summary>
/// The API's <c>CredentialsUpdateSpec</c>, the body of <c>PATCH /v1/credentials/tasks/{id}</c>: an operation and the
/// resources' credentials. Passwords are held as <see cref="SecureString"/>s and become text only inside
/// <see cref="ToJson"/>, for the moment the body is written; <see cref="Describe"/> and every check name resources,
/// types and users only.
/// </summary>
internal sealed class CredentialsUpdateSpec
{
    /// <summary>The operations of the spec, as the API spells them.</summary>
    public static readonly IReadOnlyList<string> Operations = new[] { "UPDATE", "ROTATE", "REMEDIATE", "UPDATE_AUTO_ROTATE_POLICY" };

    public CredentialsUpdateSpec(string operationType, List<CredentialsSpecElement> elements)
    {
        OperationType = operationType;
        Elements = elements;
    }

    public string OperationType { get; }
    public List<CredentialsSpecElement> Elements { get; }
    public bool? EnableAutoRotatePolicy { get; set; }
    public int? FrequencyInDays { get; set; }

    /// <summary>True for the operations that set a password the caller chooses: UPDATE sets it, REMEDIATE tells the resource's current one.</summary>
    public static bool NeedsPasswords(string? operationType) =>
        string.Equals(operationType, "UPDATE", StringComparison.OrdinalIgnoreCase) || string.Equals(operationType, "REMEDIATE", StringComparison.OrdinalIgnoreCase);

    /// <summary>"resource (TYPE user)" for each credential that needs a password and has none.</summary>
    public IReadOnlyList<string> MissingPasswords() => !NeedsPasswords(OperationType)
        ? Array.Empty<string>()
        : Elements.SelectMany(e => e.Credentials.Where(c => c.Password is null || c.Password.Length == 0).Select(c => $"{e.Name} ({c})")).ToList();

    /// <summary>
    /// What is wrong with the shape, each as "where: what" (empty when nothing is): a missing operation or
    /// elements, an element without credentials or resource type, a credential without a user, a password missing
    /// where the operation needs one. Never a password's value.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(OperationType))
        {
            problems.Add("operationType: missing");
        }
        else if (!Operations.Contains(OperationType, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"operationType: '{OperationType}' is not one of {string.Join(", ", Operations)}");
        }
        if (Elements.Count == 0)
        {
            problems.Add("elements: missing or empty");
        }
        for (int i = 0; i < Elements.Count; i++)
        {
            var e = Elements[i];
            if (string.IsNullOrWhiteSpace(e.ResourceType))
            {
                problems.Add($"elements[{i}].resourceType: missing");
            }
            if (string.IsNullOrWhiteSpace(e.ResourceName) && string.IsNullOrWhiteSpace(e.ResourceId))
            {
                problems.Add($"elements[{i}]: neither resourceName nor resourceId");
            }
            if (e.Credentials.Count == 0)
            {
                problems.Add($"elements[{i}].credentials: missing or empty");
            }
            for (int j = 0; j < e.Credentials.Count; j++)
            {
                if (string.IsNullOrWhiteSpace(e.Credentials[j].Username))
                {
                    problems.Add($"elements[{i}].credentials[{j}].username: missing");
                }
            }
        }
        foreach (var missing in MissingPasswords())
        {
            problems.Add($"{OperationType} needs a password for {missing}");
        }
        return problems;
    }

    /// <summary>"OPERATION of resource (TYPE user, …), …": for previews and messages.</summary>
    public string Describe() => $"{OperationType} of {string.Join(", ", Elements.Select(e => e.ToString()))}";

    /// <summary>The JSON body. The only place a password is ever text, and only in the returned bytes.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("operationType", OperationType);
            w.WriteStartArray("elements");
            foreach (var e in Elements)
            {
                w.WriteStartObject();
                if (e.ResourceName is not null)
                {
                    w.WriteString("resourceName", e.ResourceName);
                }
                if (e.ResourceId is not null)
                {
                    w.WriteString("resourceId", e.ResourceId);
                }
                if (e.ResourceType is not null)
                {
                    w.WriteString("resourceType", e.ResourceType);
                }
                w.WriteStartArray("credentials");
                foreach (var c in e.Credentials)
                {
                    w.WriteStartObject();
                    if (c.CredentialType is not null)
                    {
                        w.WriteString("credentialType", c.CredentialType);
                    }
                    if (c.AccountType is not null)
                    {
                        w.WriteString("accountType", c.AccountType);
                    }
                    if (c.Username is not null)
                    {
                        w.WriteString("username", c.Username);
                    }
                    if (c.Password is not null)
                    {
                        w.WriteString("password", new NetworkCredential(string.Empty, c.Password).Password);
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (EnableAutoRotatePolicy is { } enable)
            {
                w.WriteStartObject("autoRotatePolicy");
                w.WriteBoolean("enableAutoRotatePolicy", enable);
                if (FrequencyInDays is { } days)
                {
                    w.WriteNumber("frequencyInDays", days);
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The spec the server gave back: the task's own operation and its resource credentials, unchanged.</summary>
    internal static CredentialsUpdateSpec FromServer(string operationType, IEnumerable<ResourceCredentialsWire?> resources) =>
        new(operationType, resources.Where(r => r is not null).Select(r => new CredentialsSpecElement(
            r!.ResourceName, r.ResourceId, r.ResourceType,
            (r.Credentials ?? new List<BaseCredentialWire?>()).Where(c => c is not null).Select(c => new CredentialsSpecCredential(
                c!.CredentialType, c.AccountType, c.Username, c.Password is null ? null : new NetworkCredential(string.Empty, c.Password).SecurePassword)).ToList())).ToList());
}

/// <summary>One <c>ResourceCredentials</c> of a spec.</summary>
internal sealed class CredentialsSpecElement
{
    public CredentialsSpecElement(string? resourceName, string? resourceId, string? resourceType, List<CredentialsSpecCredential> credentials)
    {
        ResourceName = resourceName;
        ResourceId = resourceId;
        ResourceType = resourceType;
        Credentials = credentials;
    }

    public string? ResourceName { get; }
    public string? ResourceId { get; }
    public string? ResourceType { get; }
    public List<CredentialsSpecCredential> Credentials { get; }
    public string Name => ResourceName ?? ResourceId ?? "(unnamed resource)";

    public override string ToString() => $"{Name} ({string.Join(", ", Credentials)})";
}

/// <summary>One <c>BaseCredential</c> of a spec; ToString never shows the password.</summary>
internal sealed class CredentialsSpecCredential
{
    public CredentialsSpecCredential(string? credentialType, string? accountType, string? username, SecureString? password)
    {
        CredentialType = credentialType;
        AccountType = accountType;
        Username = username;
        Password = password;
        Password?.MakeReadOnly();
    }

    public string? CredentialType { get; }
    public string? AccountType { get; }
    public string? Username { get; }
    public SecureString? Password { get; }

    public override string ToString() => $"{CredentialType} {Username}".Trim();
}

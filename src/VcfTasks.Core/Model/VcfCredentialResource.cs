using System;
using System.Collections.Generic;
using System.Linq;
using VcfTasks.Core.Credentials;

namespace VcfTasks;

/// <summary>A resource a password operation acts on, with the credentials (type and user) it changes there.</summary>
public sealed class VcfCredentialResource
{
    /// <summary>Creates a resource entry.</summary>
    public VcfCredentialResource(string? name, string? type, IEnumerable<VcfResourceCredential> credentials)
    {
        Name = name;
        Type = type;
        Credentials = TextList.From(credentials.ToList())!;
    }

    /// <summary>The resource's name (usually its FQDN).</summary>
    public string? Name { get; }

    /// <summary>Its type, e.g. ESXI, VCENTER.</summary>
    public string? Type { get; }

    /// <summary>The credentials changed there: type and user, never a password.</summary>
    public List<VcfResourceCredential> Credentials { get; }

    /// <summary>The resources of <paramref name="subTasks"/>, in order of first appearance, each once.</summary>
    internal static List<VcfCredentialResource> Of(IEnumerable<VcfCredentialSubTask?>? subTasks)
    {
        var result = new List<VcfCredentialResource>();
        if (subTasks is null)
        {
            return result;
        }
        foreach (var group in subTasks.Where(s => s is not null).GroupBy(s => s!.ResourceName ?? string.Empty, StringComparer.OrdinalIgnoreCase))
        {
            var first = group.First()!;
            var credentials = group
                .Select(s => new VcfResourceCredential(s!.CredentialType, null, s.Username))
                .GroupBy(c => c.ToString(), StringComparer.OrdinalIgnoreCase)
                .Select(g => g.First());
            result.Add(new VcfCredentialResource(first.ResourceName, first.EntityType, credentials));
        }
        return result;
    }

    /// <summary>"name (SSH root, API admin)".</summary>
    public override string ToString() => Credentials.Count == 0 ? Name ?? string.Empty : $"{Name} ({string.Join(", ", Credentials)})";
}

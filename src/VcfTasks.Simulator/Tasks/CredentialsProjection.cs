using System.Globalization;
using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Tasks;

/// <summary>
/// Shows a credentials task the way /v1/credentials/tasks does: its own schema, upper-case statuses (only the
/// API's own: a cancelled one is USER_CANCELLED, one completed with a warning INCONSISTENT), an operation type (ROTATE, UPDATE, REMEDIATE) instead of the task type, and,
/// as real servers do, each sub-task's old and new password. Those passwords are made from the task id, so tests
/// can read them here and look for them in everything a client shows.
/// </summary>
internal static class CredentialsProjection
{
    public static CredentialsTask From(SimTask t) => new()
    {
        Id = t.Id,
        Name = t.Name ?? "",
        Type = OperationType(t),
        CreationTimestamp = t.CreationTimestamp ?? "",
        CompletionTimestamp = t.CompletionTimestamp,
        Status = Status(t.Status),
        SubTasks = (t.SubTasks ?? []).Select((s, i) => Sub(t, s, i)).ToList(),
        Errors = t.Errors ?? [],
        IsAutoRotate = false,
    };

    /// <summary>The resources and credentials of the task, as resource-credentials gives them; passwords only where the operation has them to give (REMEDIATE).</summary>
    public static List<ResourceCredentials> Resources(SimTask t)
    {
        var operation = OperationType(t);
        var result = new List<ResourceCredentials>();
        foreach (var (s, i) in (t.SubTasks ?? []).Select((s, i) => (s, i)))
        {
            var (resource, credentialType) = Split(s.Name);
            var entry = result.FirstOrDefault(r => r.ResourceName == resource);
            if (entry is null)
            {
                entry = new ResourceCredentials
                {
                    ResourceName = resource ?? t.Id,
                    ResourceId = t.Resources?.FirstOrDefault()?.ResourceId,
                    ResourceType = EntityType(t),
                };
                result.Add(entry);
            }

            entry.Credentials.Add(new BaseCredential
            {
                CredentialType = credentialType,
                AccountType = "USER",
                Username = Username(credentialType),
                Password = operation == "REMEDIATE" ? Password(t.Id, i, "new") : null,
            });
        }

        if (result.Count == 0 && t.Resources?.FirstOrDefault() is { } only)
        {
            // A task listed without sub-tasks still names its resource: one credential of it.
            var type = EntityType(t) == "VCENTER" ? "SSO" : "SSH";
            result.Add(new ResourceCredentials
            {
                ResourceName = only.Fqdn ?? only.Name ?? only.ResourceId,
                ResourceId = only.ResourceId,
                ResourceType = EntityType(t),
                Credentials = [new BaseCredential { CredentialType = type, AccountType = "USER", Username = Username(type), Password = operation == "REMEDIATE" ? Password(t.Id, 0, "new") : null }],
            });
        }

        return result;
    }

    /// <summary>The API's operation type of a credentials task.</summary>
    public static string OperationType(SimTask t)
    {
        if (t.Type is { } type && type.StartsWith("CREDENTIALS_", StringComparison.OrdinalIgnoreCase))
        {
            return type["CREDENTIALS_".Length..].ToUpperInvariant();
        }

        // "Credentials rotate operation" -> ROTATE
        var words = (t.Name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 1 ? words[1].ToUpperInvariant() : "UPDATE";
    }

    /// <summary>A password the server "holds" for sub-task <paramref name="index"/> of a task: stable, unique, secret-looking.</summary>
    public static string Password(string id, int index, string which) =>
        string.Create(CultureInfo.InvariantCulture, $"Sim{which}Pw-{RetryEngine.Hash($"{id}/{which}", index):x16}!");

    private static CredentialsSubTask Sub(SimTask task, SimSubTask s, int index)
    {
        var (resource, credentialType) = Split(s.Name);
        return new CredentialsSubTask
        {
            Id = $"{task.Id[..Math.Min(8, task.Id.Length)]}-{index}",
            Name = s.Name,
            Description = s.Description,
            CreationTimestamp = s.CreationTimestamp,
            CompletionTimestamp = s.CompletionTimestamp,
            Status = Status(s.Status),
            Errors = s.Errors ?? [],
            ResourceName = resource,
            CredentialType = credentialType,
            EntityType = EntityType(task),
            Username = Username(credentialType),
            DependentSubTasks = [],
            OldPassword = Password(task.Id, index, "old"),
            NewPassword = Password(task.Id, index, "new"),
        };
    }

    // Sub-task names read "<fqdn>:<credential type>", as in the product page's "sfo-vcf01.rainpole.io:FTP".
    private static (string? Resource, string? CredentialType) Split(string name)
    {
        var colon = name.LastIndexOf(':');
        return colon > 0 ? (name[..colon], name[(colon + 1)..]) : (null, null);
    }

    // Only the statuses the credentials API lists: a cancelled password operation is USER_CANCELLED, one that ended
    // with a warning left the credentials INCONSISTENT, and a skipped one (--quirks) did what it had to.
    private static string Status(string status) => Statuses.Normalize(status) switch
    {
        Statuses.Cancelled => "USER_CANCELLED",
        Statuses.CompletedWithWarning => "INCONSISTENT",
        Statuses.Skipped => Statuses.Successful,
        var s => s,
    };

    private static string EntityType(SimTask t) => t.Resources?.FirstOrDefault()?.Type switch
    {
        "HOST" or null => "ESXI",
        var other => other,
    };

    private static string Username(string? credentialType) => credentialType switch
    {
        "SSO" => "administrator@vsphere.local",
        "API" => "admin",
        _ => "root",
    };
}

using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Tasks;

/// <summary>
/// Shows a credentials task the way /v1/credentials/tasks does: its own schema, upper-case
/// statuses, and an operation type (ROTATE, UPDATE, REMEDIATE) instead of the task type.
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
        Status = Statuses.Normalize(t.Status),
        SubTasks = (t.SubTasks ?? []).Select(s => Sub(t, s)).ToList(),
        Errors = t.Errors ?? [],
        IsAutoRotate = false,
    };

    private static CredentialsSubTask Sub(SimTask task, SimSubTask s)
    {
        // Sub-task names read "<fqdn>:<credential type>", as in the product page's "sfo-vcf01.rainpole.io:FTP".
        var colon = s.Name.LastIndexOf(':');
        return new CredentialsSubTask
        {
            Name = s.Name,
            Description = s.Description,
            CreationTimestamp = s.CreationTimestamp,
            CompletionTimestamp = s.CompletionTimestamp,
            Status = Statuses.Normalize(s.Status),
            Errors = s.Errors ?? [],
            ResourceName = colon > 0 ? s.Name[..colon] : null,
            CredentialType = colon > 0 ? s.Name[(colon + 1)..] : null,
            EntityType = task.Resources?.FirstOrDefault()?.Type,
            Username = "root",
        };
    }

    private static string OperationType(SimTask t)
    {
        if (t.Type is { } type && type.StartsWith("CREDENTIALS_", StringComparison.OrdinalIgnoreCase))
        {
            return type["CREDENTIALS_".Length..].ToUpperInvariant();
        }

        // "Credentials rotate operation" -> ROTATE
        var words = (t.Name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 1 ? words[1].ToUpperInvariant() : "UPDATE";
    }
}

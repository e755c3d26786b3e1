namespace VcfTasks;

/// <summary>One credential of a resource: its type and user. There is no password here, by design.</summary>
public sealed class VcfResourceCredential
{
    /// <summary>Creates the entry.</summary>
    public VcfResourceCredential(string? credentialType, string? accountType, string? username)
    {
        CredentialType = credentialType;
        AccountType = accountType;
        Username = username;
    }

    /// <summary>SSH, API, SSO, FTP, AUDIT, …</summary>
    public string? CredentialType { get; }

    /// <summary>USER, SYSTEM or SERVICE, when known.</summary>
    public string? AccountType { get; }

    /// <summary>The account.</summary>
    public string? Username { get; }

    /// <summary>"SSH root".</summary>
    public override string ToString() => $"{CredentialType} {Username}".Trim();
}

namespace VcfTasks.Simulator.Model;

// The /v1/credentials/tasks shapes. They are projections of SimTask made under the store's
// lock, so they are never shared with the store.

/// <summary>The CredentialsTask schema.</summary>
internal sealed class CredentialsTask
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Type { get; set; } = "";
    public string CreationTimestamp { get; set; } = "";
    public string? CompletionTimestamp { get; set; }
    public string Status { get; set; } = "";
    public List<CredentialsSubTask> SubTasks { get; set; } = [];
    public List<ApiError> Errors { get; set; } = [];
    public bool IsAutoRotate { get; set; }
}

/// <summary>The CredentialsSubTask schema.</summary>
internal sealed class CredentialsSubTask
{
    public string? Id { get; set; }
    public string? ResourceName { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string CreationTimestamp { get; set; } = "";
    public string? CompletionTimestamp { get; set; }
    public string Status { get; set; } = "";
    public List<ApiError> Errors { get; set; } = [];
    public string? EntityType { get; set; }
    public string? Username { get; set; }
    public string? CredentialType { get; set; }
    public List<CredentialsSubTask>? DependentSubTasks { get; set; }

    /// <summary>As real servers send them: the test canaries that must never reach a client's output.</summary>
    public string? OldPassword { get; set; }
    public string? NewPassword { get; set; }
}

/// <summary>The ResourceCredentials schema, as GET /v1/credentials/tasks/{id}/resource-credentials gives it.</summary>
internal sealed class ResourceCredentials
{
    public string? ResourceName { get; set; }
    public string? ResourceId { get; set; }
    public string ResourceType { get; set; } = "";
    public List<BaseCredential> Credentials { get; set; } = [];
}

/// <summary>The BaseCredential schema.</summary>
internal sealed class BaseCredential
{
    public string? CredentialType { get; set; }
    public string? AccountType { get; set; }
    public string Username { get; set; } = "";
    public string? Password { get; set; }
}

/// <summary>The PageMetadata schema.</summary>
internal sealed record PageMetadata(int PageNumber, int PageSize, int TotalElements, int TotalPages);

/// <summary>PageOfTask and PageOfCredentialsTask.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Elements, PageMetadata PageMetadata);

using System.Text.Json.Serialization;

namespace VcfTasks.Simulator.Model;

// The wire shapes of the tasks API (see vcf-tasks-9.0.2.openapi.json). They are mutable because
// the store changes tasks in place under its lock; nulls are omitted on the wire, so an optional
// field left null is simply missing, as on real servers.

/// <summary>A task as /v1/tasks returns it, plus the simulator's own bookkeeping (never serialised).</summary>
internal sealed class SimTask
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public DescriptionPack? LocalizableDescriptionPack { get; set; }
    public string? Type { get; set; }
    public string Status { get; set; } = "";
    public string? CreationTimestamp { get; set; }
    public string? CompletionTimestamp { get; set; }
    public List<SimSubTask>? SubTasks { get; set; }
    public List<ApiError>? Errors { get; set; }
    public List<SimResource>? Resources { get; set; }
    public string? ResolutionStatus { get; set; }
    public bool? IsCancellable { get; set; }
    public bool? IsRetryable { get; set; }

    /// <summary>Parsed creationTimestamp, for ordering; null when missing or unparseable.</summary>
    [JsonIgnore] public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Parsed completionTimestamp, for ordering and completedAfter.</summary>
    [JsonIgnore] public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Password update/rotate/remediate tasks: listed here, retried only through /v1/credentials.</summary>
    [JsonIgnore] public bool IsCredentialsTask { get; set; }

    /// <summary>A broken record (<c>--junk-elements</c>): how it is written instead of as a task, or null for a real task.</summary>
    [JsonIgnore] public Wire.JunkKind? Junk { get; set; }

    /// <summary>How many retries were started; the outcome of attempt N is a function of (id, N).</summary>
    [JsonIgnore] public int Attempts { get; set; }

    /// <summary>The running retry, when there is one.</summary>
    [JsonIgnore] public RetryRun? Run { get; set; }
}

/// <summary>A sub-task (a workflow step).</summary>
internal sealed class SimSubTask
{
    public string Name { get; set; } = "";
    public string? Type { get; set; }
    public string Description { get; set; } = "";
    public string Status { get; set; } = "";
    public string CreationTimestamp { get; set; } = "";
    public string? CompletionTimestamp { get; set; }
    public List<SimStage>? Stages { get; set; }
    public List<ApiError>? Errors { get; set; }
    public List<SimResource>? Resources { get; set; }
    public List<SimSubTask>? SubTasks { get; set; }
    public DocumentationLink? DocumentationLink { get; set; }
}

/// <summary>A stage of a sub-task.</summary>
internal sealed class SimStage
{
    public string Name { get; set; } = "";
    public string Type { get; set; } = "";
    public string Description { get; set; } = "";
    public string Status { get; set; } = "";
    public string CreationTimestamp { get; set; } = "";
    public string? CompletionTimestamp { get; set; }
    public List<ApiError>? Errors { get; set; }
}

/// <summary>A resource a task acts on.</summary>
internal sealed class SimResource
{
    public string ResourceId { get; set; } = "";
    public string? Fqdn { get; set; }
    public string Type { get; set; } = "";
    public string? Name { get; set; }
    public List<string>? Sans { get; set; }
}

/// <summary>The localizable description of a task (the MessagePack schema).</summary>
internal sealed class DescriptionPack
{
    public string? Component { get; set; }
    public string MessageKey { get; set; } = "";
    public List<string>? Arguments { get; set; }
    public string? Message { get; set; }
    public string? Bundle { get; set; }
}

/// <summary>A link to documentation, on some sub-tasks.</summary>
internal sealed class DocumentationLink
{
    public string? Url { get; set; }
    public string? Label { get; set; }
}

/// <summary>The state of a retry in flight: everything needed to compute the task at any later instant.</summary>
internal sealed record RetryRun(DateTimeOffset Start, int Attempt, bool EndsFailed, int FailingStep);

using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace VcfTasks;

/// <summary>An SDDC Manager task, as <c>GET /v1/tasks</c> returns it, with the connection it came from.</summary>
public sealed class VcfTask
{
    /// <summary>The task's id (a GUID); it keeps it across retries.</summary>
    [JsonPropertyName("id")] public string Id { get => _id; set => _id = value ?? string.Empty; }
    private string _id = string.Empty;
    /// <summary>The task's name.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>The operation in machine-readable form, e.g. HOST_COMMISSION.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    /// <summary>
    /// The status, normalised with the raw value kept. Internal, so that ConvertTo-Json, which reads public .NET
    /// properties, writes <see cref="Status"/> as text; PowerShell still sees this object as <c>Status</c>
    /// (VcfTasks.Types.ps1xml), so <c>Where-Object Status -eq 'In Progress'</c> matches every spelling.
    /// </summary>
    [JsonPropertyName("status")][JsonInclude] internal VcfTaskStatus StatusInfo { get; set; } = new VcfTaskStatus(null);

    /// <summary>The status as text: the normalised state (Failed, InProgress, …), or the server's text when unknown.</summary>
    [JsonIgnore] public string Status => StatusInfo.ToString();
    /// <summary>When it was created (UTC); null when missing or unreadable.</summary>
    [JsonPropertyName("creationTimestamp")] public DateTimeOffset? CreationTimestamp { get; set; }
    /// <summary>When it completed (UTC); null when missing, unfinished or unreadable.</summary>
    [JsonPropertyName("completionTimestamp")] public DateTimeOffset? CompletionTimestamp { get; set; }
    /// <summary>Subtasks.</summary>
    [JsonPropertyName("subTasks")] public List<VcfSubTask>? SubTasks { get => _subTasks; set => _subTasks = VcfSubTaskList.From(value); }
    private VcfSubTaskList? _subTasks;
    /// <summary>Errors (on a failed task).</summary>
    [JsonPropertyName("errors")] public List<VcfTaskError>? Errors { get => _errors; set => _errors = VcfTaskErrorList.From(value); }
    private VcfTaskErrorList? _errors;
    /// <summary>Resources the task acts on.</summary>
    [JsonPropertyName("resources")] public List<VcfTaskResource>? Resources { get => _resources; set => _resources = VcfTaskResourceList.From(value); }
    private VcfTaskResourceList? _resources;
    /// <summary>RESOLVED or UNRESOLVED.</summary>
    [JsonPropertyName("resolutionStatus")] public string? ResolutionStatus { get; set; }
    /// <summary>The localisable description.</summary>
    [JsonPropertyName("localizableDescriptionPack")] public VcfMessagePack? LocalizableDescriptionPack { get; set; }

    /// <summary>What the server said of <c>isRetryable</c>; null when it did not say (older versions).</summary>
    [JsonPropertyName("isRetryable")] public bool? ReportedIsRetryable { get; set; }
    /// <summary>What the server said of <c>isCancellable</c>; null when it did not say.</summary>
    [JsonPropertyName("isCancellable")] public bool? ReportedIsCancellable { get; set; }

    /// <summary>
    /// Whether Invoke-VcfTaskRetry can retry the task: the server's <c>isRetryable</c> when it sent one, else FAILED.
    /// A credentials task is retryable when FAILED, whatever <c>/v1/tasks</c> says of it: it is retried through
    /// <c>PATCH /v1/credentials/tasks/{id}</c> (issue 15), which retries every failed one.
    /// </summary>
    [JsonIgnore]
    public bool IsRetryable => IsCredentialsTask
        ? StatusInfo.State == VcfTaskState.Failed
        : ReportedIsRetryable ?? StatusInfo.State == VcfTaskState.Failed;

    /// <summary>Whether the task can be cancelled: the server's <c>isCancellable</c> when it sent one, else IN_PROGRESS.</summary>
    [JsonIgnore] public bool IsCancellable => ReportedIsCancellable ?? StatusInfo.State == VcfTaskState.InProgress;

    /// <summary>
    /// A password update/rotate/remediate task. These are listed in <c>/v1/tasks</c> but are retried only through
    /// <c>/v1/credentials/tasks/{id}</c> with a <c>CredentialsUpdateSpec</c>.
    /// </summary>
    [JsonIgnore]
    public bool IsCredentialsTask =>
        (Type is not null && Type.IndexOf("CREDENTIAL", StringComparison.OrdinalIgnoreCase) >= 0) ||
        (Name is not null && Name.StartsWith("Credentials ", StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the task is in a final state.</summary>
    [JsonIgnore] public bool IsComplete => StatusInfo.IsTerminal;

    /// <summary>Number of top-level subtasks.</summary>
    [JsonIgnore] public int SubTaskCount => SubTasks?.Count ?? 0;

    /// <summary>Top-level subtasks that finished without failing (successful, skipped, not applicable, with warning).</summary>
    [JsonIgnore]
    public int SubTasksDone
    {
        get
        {
            if (SubTasks is null) return 0;
            int done = 0;
            foreach (var s in SubTasks)
            {
                var state = s?.StatusInfo?.State ?? VcfTaskState.Unknown;
                if (state is VcfTaskState.Successful or VcfTaskState.Skipped or VcfTaskState.NotApplicable or VcfTaskState.CompletedWithWarning)
                    done++;
            }
            return done;
        }
    }

    /// <summary>
    /// The subtask the task is at: the first one in progress, else the first that failed (where a failed task
    /// stopped, the step to read about and retry), else the first pending one; null when none.
    /// </summary>
    [JsonIgnore]
    public VcfSubTask? CurrentSubTask =>
        FirstSubTask(VcfTaskState.InProgress) ?? FirstSubTask(VcfTaskState.Failed) ?? FirstSubTask(VcfTaskState.Pending);

    private VcfSubTask? FirstSubTask(VcfTaskState state)
    {
        if (SubTasks is null)
        {
            return null;
        }
        foreach (var s in SubTasks)
        {
            if (s?.StatusInfo?.State == state)
            {
                return s;
            }
        }
        return null;
    }

    /// <summary>
    /// The connection the task was read from; retries and cancels of this object go there. Internal: an exported
    /// task says its <see cref="Server"/>, not the connection's user, address, timeout and fixture path.
    /// </summary>
    [JsonIgnore] internal VcfConnection? Connection { get; set; }

    /// <summary>The connection the task was read from (a method, so exports leave it out).</summary>
    public VcfConnection? GetConnection() => Connection;

    /// <summary>The server the task was read from.</summary>
    [JsonIgnore] public string? Server => Connection?.Server;

    /// <inheritdoc />
    public override string ToString() => Id;
}

namespace VcfTasks;

/// <summary>
/// The operations on SDDC Manager tasks. Each has one name, used as it is in code, in messages ("the retry of
/// task 'x'") and in design/ARCHITECTURE.md; <see cref="TaskOperations"/> holds what else belongs to each.
/// </summary>
internal enum TaskOperation
{
    /// <summary><c>GET /v1/tasks</c>, page by page: "the task listing".</summary>
    Listing,
    /// <summary><c>GET /v1/tasks/{id}</c>: "the read of task 'x'".</summary>
    Read,
    /// <summary><c>PATCH /v1/tasks/{id}</c>: "the retry of task 'x'".</summary>
    Retry,
    /// <summary><c>DELETE /v1/tasks/{id}</c>: "the cancellation of task 'x'".</summary>
    Cancellation,
}

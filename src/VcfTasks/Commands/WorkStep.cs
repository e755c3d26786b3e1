using System.Threading.Tasks;

namespace VcfTasks.Commands;

/// <summary>What a <see cref="WorkItem"/> waits for before its next step.</summary>
internal readonly struct WorkStep
{
    private WorkStep(Task? request) => Request = request;

    /// <summary>The request to wait for, or null for <see cref="InOrder"/>.</summary>
    public Task? Request { get; }

    /// <summary>Wait until every earlier item has passed this point: questions (ShouldProcess) are asked in input order, one at a time.</summary>
    public static WorkStep InOrder => default;

    /// <summary>Wait for <paramref name="request"/> to finish.</summary>
    public static WorkStep For(Task request) => new(request);

    /// <summary>Whether the next step may run now.</summary>
    internal bool Ready(bool turn) => Request is null ? turn : Request.IsCompleted;
}

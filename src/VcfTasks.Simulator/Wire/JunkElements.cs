using System.Text.Json.Nodes;
using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Wire;

/// <summary>How a broken record is written.</summary>
internal enum JunkKind
{
    /// <summary>A bare number where a task object belongs.</summary>
    NotAnObject,

    /// <summary>A FAILED task object with everything but an id.</summary>
    WithoutId,
}

/// <summary>
/// The <c>--junk-elements</c> mode: two broken records among the tasks, as a server with a damaged store may
/// list them. They are records like any other (they take their place in the order, count in
/// <c>totalElements</c> and fill a page, so paging stays honest); only their writing is broken: one is the bare
/// number 404, the other a FAILED task with no <c>id</c>. A client can only skip them.
/// </summary>
internal static class JunkElements
{
    public const string NotAnObjectId = "junk-not-an-object";
    public const string WithoutIdId = "junk-without-id";

    /// <summary>Adds both records, created at the times of the tasks a third and two thirds into the list, so they land mid-listing.</summary>
    public static void Add(List<SimTask> tasks)
    {
        string? At(double share) => tasks.Count == 0 ? null : tasks[(int)(tasks.Count * share)].CreationTimestamp;
        tasks.Add(new SimTask { Id = NotAnObjectId, Status = "", CreationTimestamp = At(1.0 / 3), Junk = JunkKind.NotAnObject });
        tasks.Add(new SimTask
        {
            Id = WithoutIdId,
            Name = "Task without an id",
            Status = Statuses.Failed,
            CreationTimestamp = At(2.0 / 3),
            Errors = [],
            Junk = JunkKind.WithoutId,
        });
    }

    /// <summary>The written form of a broken record.</summary>
    public static JsonNode? Write(SimTask record, Func<SimTask, JsonObject> asTask)
    {
        if (record.Junk == JunkKind.NotAnObject)
        {
            return 404;
        }

        var node = asTask(record);
        node.Remove("id");
        return node;
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace VcfTasks.Commands;

/// <summary>Finds a task id on several servers at once (-Id with -Server a,b).</summary>
internal static class TaskLocator
{
    /// <summary>
    /// Reads <paramref name="id"/> from every one of <paramref name="connections"/> at once and gives the servers
    /// that have it. A server that could not be read gets its own error (non-terminating: the others answered);
    /// VcfTaskNotFound only when every server said 404.
    /// </summary>
    public static List<(VcfConnection Connection, VcfTask Task)> Locate(VcfCmdlet cmdlet, string id, IReadOnlyList<VcfConnection> connections)
    {
        var reads = cmdlet.Run(ct => Task.WhenAll(connections.Select(async connection =>
        {
            try
            {
                return (connection, Task: await connection.Tasks.GetAsync(id, ct).ConfigureAwait(false), Error: (VcfException?)null);
            }
            catch (VcfException e)
            {
                return (connection, Task: (VcfTask?)null, Error: e);
            }
        })));
        var found = new List<(VcfConnection, VcfTask)>();
        bool otherFailures = false;
        foreach (var (connection, task, error) in reads)
        {
            if (task is not null)
            {
                found.Add((connection, task));
            }
            else if (error is { Kind: not VcfErrorKind.TaskNotFound })
            {
                otherFailures = true;
                cmdlet.WriteError(ErrorRecords.From(error, id));
            }
        }
        if (found.Count == 0 && !otherFailures)
        {
            var servers = string.Join(", ", connections.Select(c => c.Server));
            cmdlet.WriteError(ErrorRecords.From(new VcfException(VcfErrorKind.TaskNotFound, $"Task '{id}' was not found on any of {servers}.")
            {
                TaskId = id,
                RecommendedAction = "Check the id with Get-VcfTask -Server <server>; a task id is the same before and after a retry.",
            }, id));
        }
        return found;
    }
}

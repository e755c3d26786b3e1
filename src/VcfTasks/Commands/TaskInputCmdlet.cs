using System;
using System.Collections.Generic;
using System.Management.Automation;
using VcfTasks.Completers;

namespace VcfTasks.Commands;

/// <summary>
/// The input shared by the cmdlets that act on given tasks (retry, cancel, wait): task ids with -Server, or
/// task objects, each of which goes back to the connection it was read from.
/// </summary>
public abstract class TaskInputCmdlet : VcfCmdlet
{
    /// <summary>Parameter set: task ids.</summary>
    protected const string IdSet = "Id";
    /// <summary>Parameter set: task objects.</summary>
    protected const string InputObjectSet = "InputObject";

    /// <summary>Task ids; bound from the pipeline by value or by a property named Id or TaskId.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TaskId")]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(TaskIdCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Tasks from Get-VcfTask (any mix of servers); each goes to the server it was read from.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public VcfTask[] InputObject { get; set; } = Array.Empty<VcfTask>();

    /// <summary>The connections or server names for ids (each id is looked for on each); task objects always use their own connection.</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ServerCompleter))]
    public object[]? Server { get; set; }

    /// <summary>
    /// True when resolving the current input may write an error of its own (a blank id, a server that is not
    /// connected, an id looked for on several servers, a connection piped where tasks belong): the tasks taken
    /// before it are written first, so that errors keep input order.
    /// </summary>
    private protected bool ResolvingMayWrite() => OrderedWork.ResolvingMayWrite(ParameterSetName == IdSet ? Id : null, Server, InputObject,
        ParameterSetName == IdSet && PipedConnection(Id, Server) is not null);

    /// <summary>The tasks of the current pipeline input: where each lives, its id, the object when one was given, the task when it was read.</summary>
    private protected IEnumerable<TaskTarget> CurrentInput()
    {
        if (ParameterSetName == IdSet && PipedConnection(Id, Server) is { } piped)
        {
            // $connection | Invoke-VcfTaskRetry: its Id is not a task id; say so instead of asking the server for it.
            WriteError(new ErrorRecord(
                new ArgumentException($"A connection ({piped.Server}, id {piped.Id}) came down the pipeline, where tasks or task ids are expected. Pass tasks (Get-VcfTask -Server <connection> | ...) or ids with -Server <connection>."),
                "VcfInvalidTaskInput", ErrorCategory.InvalidArgument, piped));
            return Array.Empty<TaskTarget>();
        }
        return TaskTargets(ParameterSetName == IdSet ? Id : null, Server, InputObject);
    }
}

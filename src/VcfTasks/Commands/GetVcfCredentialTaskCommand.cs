using System;
using System.Linq;
using System.Management.Automation;
using VcfTasks.Completers;

namespace VcfTasks.Commands;

/// <summary>
/// Gets credentials tasks (password update, rotate, remediate) from the credentials API: every one the server
/// lists, or by id. They pipe into Invoke-VcfTaskRetry, Stop-VcfTask and Wait-VcfTask (by their Id and Server).
/// </summary>
[Cmdlet(VerbsCommon.Get, "VcfCredentialTask", DefaultParameterSetName = ListSet)]
[OutputType(typeof(VcfCredentialTask))]
public sealed class GetVcfCredentialTaskCommand : VcfCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";

    /// <summary>Credentials task ids (the same ids as in Get-VcfTask); bound from the pipeline by value or by a property named Id or TaskId.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TaskId")]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(TaskIdCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Only tasks in these states; any spelling (Failed, USER_CANCELLED, 'In Progress').</summary>
    [Parameter]
    [ValidateTaskStatus]
    [ArgumentCompleter(typeof(TaskStatusCompleter))]
    public string[]? Status { get; set; }

    /// <summary>The connections or server names; by default the default connection.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServerCompleter))]
    public object[]? Server { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == ListSet)
        {
            foreach (var connection in ResolveConnections(Server))
            {
                try
                {
                    foreach (var task in Run(ct => connection.CredentialTasks.ListAsync(ct)))
                    {
                        Emit(task);
                    }
                }
                catch (VcfException e)
                {
                    Report(e, connection.Server);
                }
            }
            return;
        }
        foreach (var target in TaskTargets(Id, Server, Array.Empty<VcfTask>()))
        {
            try
            {
                Emit(Run(ct => target.Connection.CredentialTasks.GetAsync(target.Id, ct)));
            }
            catch (VcfException e)
            {
                Report(e, target.Id);
            }
        }
    }

    private void Emit(VcfCredentialTask task)
    {
        if (Status is { Length: > 0 } wanted && !wanted.Any(s => task.StatusInfo.Equals(s)))
        {
            return;
        }
        WriteObject(task);
    }
}

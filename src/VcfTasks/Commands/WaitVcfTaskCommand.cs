using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace VcfTasks.Commands;

/// <summary>
/// Waits for SDDC Manager tasks to finish and emits each as it finishes.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "VcfTask", DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(VcfTask))]
public sealed class WaitVcfTaskCommand : VcfCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";
    private readonly List<WaitItem> _items = new();
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Task ids; bound from the pipeline by value or by a property named Id or TaskId.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TaskId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Tasks from Get-VcfTask (any mix of servers); each is read from its own connection.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public VcfTask[] InputObject { get; set; } = Array.Empty<VcfTask>();

    /// <summary>The connection or server name for ids.</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    public object? Server { get; set; }

    /// <summary>Stop waiting after this many seconds: each unfinished task gets VcfWaitTimeout and is emitted as last seen.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet)
        {
            var connection = ResolveConnection(Server);
            foreach (var id in Id) Add(new WaitItem(connection, id.Trim()));
        }
        else
        {
            foreach (var task in InputObject)
                if (task is not null) Add(new WaitItem(task.Connection ?? ResolveConnection(null), task.Id, task));
        }
    }

    private void Add(WaitItem item)
    {
        // The same task twice (e.g. piped twice) is waited for once.
        if (_seen.Add(item.Connection.Id + "/" + item.Id)) _items.Add(item);
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        new WaitDriver(this, TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : null).Wait(_items);
        base.EndProcessing();
    }
}

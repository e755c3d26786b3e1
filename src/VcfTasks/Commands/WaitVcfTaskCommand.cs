using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace VcfTasks.Commands;

/// <summary>
/// Waits for SDDC Manager tasks to finish and emits each as it finishes.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "VcfTask", DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(VcfTask))]
public sealed class WaitVcfTaskCommand : TaskInputCmdlet
{
    private readonly List<WaitItem> _items = new();
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Stop waiting after this many seconds: each unfinished task gets VcfWaitTimeout and is emitted as last seen.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var t in CurrentInput()) Add(new WaitItem(t.Connection, t.Id, t.Read ?? t.Given));
    }

    private void Add(WaitItem item)
    {
        // The same task twice (e.g. piped twice) is waited for once.
        if (_seen.Add(item.Connection.Id + "/" + item.Id)) _items.Add(item);
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        new WaitDriver(this, TimeoutSec).Wait(_items);
        base.EndProcessing();
    }
}

using System;
using System.Management.Automation;

namespace VcfTasks;

/// <summary>
/// The members VcfTasks.Types.ps1xml adds to tasks, subtasks and stages for PowerShell (CodeProperty getters).
/// ConvertTo-Json reads the public .NET properties of an object, so there a task's <c>Status</c> is its text and its
/// times are the ISO-8601 text of the .NET <see cref="DateTimeOffset"/>s; everywhere PowerShell looks at an object
/// through its members (property access, Where-Object, Sort-Object, Export-Csv, Export-Clixml, format views)
/// <c>Status</c> is the <see cref="VcfTaskStatus"/>, which compares equal to every spelling and writes itself as its
/// text, and the times are local <see cref="DateTime"/>s, as <c>Get-Date</c> and PowerShell's own cmdlets give.
/// </summary>
public static class TaskMembers
{
    /// <summary>The status of a task, subtask or stage.</summary>
    public static VcfTaskStatus? Status(PSObject instance) => instance?.BaseObject switch
    {
        VcfTask t => t.StatusInfo,
        VcfTaskStep s => s.StatusInfo,
        _ => null,
    };

    /// <summary>When a task, subtask or stage was created, in this computer's time zone (Kind Local).</summary>
    public static DateTime? CreationTimestamp(PSObject instance) => instance?.BaseObject switch
    {
        VcfTask t => Local(t.CreationTimestamp),
        VcfTaskStep s => Local(s.CreationTimestamp),
        _ => null,
    };

    /// <summary>When a task, subtask or stage completed, in this computer's time zone (Kind Local).</summary>
    public static DateTime? CompletionTimestamp(PSObject instance) => instance?.BaseObject switch
    {
        VcfTask t => Local(t.CompletionTimestamp),
        VcfTaskStep s => Local(s.CompletionTimestamp),
        _ => null,
    };

    // Local, because PowerShell compares two DateTimes by their clock readings and ignores their Kind: a UTC time
    // beside Get-Date's local one would be off by the zone's offset. A local DateTime also keeps its type and moment
    // through Export-Clixml/Import-Clixml (it is written with its offset and read back in the reader's zone), which a
    // DateTimeOffset does not.
    private static DateTime? Local(DateTimeOffset? value) => value?.LocalDateTime;
}

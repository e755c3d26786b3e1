using System.Management.Automation;

namespace VcfTasks;

/// <summary>
/// The members VcfTasks.Types.ps1xml adds to tasks for PowerShell (CodeProperty getters). ConvertTo-Json reads the
/// public .NET properties of an object, so there a task's <c>Status</c> is its text; everywhere PowerShell looks
/// at an object through its members (property access, Where-Object, Sort-Object, Export-Csv, Export-Clixml,
/// format views) <c>Status</c> is the <see cref="VcfTaskStatus"/>, which compares equal to every spelling and
/// writes itself as its text, and the timestamps are <see cref="VcfTimestamp"/>s, which write themselves as
/// ISO-8601 UTC and compare like dates.
/// </summary>
public static class TaskMembers
{
    /// <summary>The status of a task, subtask or stage.</summary>
    public static VcfTaskStatus? Status(PSObject instance) => instance?.BaseObject switch
    {
        VcfTask t => t.StatusInfo,
        VcfSubTask s => s.StatusInfo,
        VcfTaskStage st => st.StatusInfo,
        _ => null,
    };

    /// <summary>When a task, subtask or stage was created, as ISO-8601 UTC text that compares like a date.</summary>
    public static VcfTimestamp? CreationTimestamp(PSObject instance) => instance?.BaseObject switch
    {
        VcfTask t => VcfTimestamp.From(t.CreationTimestamp),
        VcfSubTask s => VcfTimestamp.From(s.CreationTimestamp),
        VcfTaskStage st => VcfTimestamp.From(st.CreationTimestamp),
        _ => null,
    };

    /// <summary>When a task, subtask or stage completed, as ISO-8601 UTC text that compares like a date.</summary>
    public static VcfTimestamp? CompletionTimestamp(PSObject instance) => instance?.BaseObject switch
    {
        VcfTask t => VcfTimestamp.From(t.CompletionTimestamp),
        VcfSubTask s => VcfTimestamp.From(s.CompletionTimestamp),
        VcfTaskStage st => VcfTimestamp.From(st.CompletionTimestamp),
        _ => null,
    };
}

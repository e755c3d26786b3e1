using System.Management.Automation;

namespace VcfTasks;

/// <summary>
/// The members VcfTasks.Types.ps1xml adds to credentials tasks for PowerShell (issue 15): <c>Status</c> is the
/// <see cref="VcfTaskStatus"/>, so <c>Where-Object Status -eq USER_CANCELLED</c> matches every spelling, as for tasks.
/// </summary>
public static class CredentialTaskMembers
{
    /// <summary>The status of a credentials task or subtask.</summary>
    public static VcfTaskStatus? Status(PSObject instance) => instance?.BaseObject switch
    {
        VcfCredentialTask t => t.StatusInfo,
        VcfCredentialSubTask s => s.StatusInfo,
        _ => null,
    };
}

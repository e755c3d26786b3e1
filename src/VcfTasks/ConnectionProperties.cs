using System.Management.Automation;

namespace VcfTasks;

/// <summary>
/// Properties PowerShell adds to a <see cref="VcfConnection"/> (VcfTasks.Types.ps1xml): what the session knows of a
/// connection and the connection itself does not, read when asked, so they never go stale.
/// </summary>
public static class ConnectionProperties
{
    /// <summary>True when the connection is the default of the current session (the one commands use without -Server).</summary>
    public static bool IsDefault(PSObject instance) =>
        instance?.BaseObject is VcfConnection connection && ConnectionRegistry.Current.IsDefault(connection);
}

using System.Management.Automation;

namespace VcfTasks.Commands;

/// <summary>
/// Gets the module's settings for this session: which connections commands use without -Server.
/// </summary>
[Cmdlet(VerbsCommon.Get, "VcfTasksConfiguration")]
[OutputType(typeof(VcfTasksConfiguration))]
public sealed class GetVcfTasksConfigurationCommand : VcfCmdlet
{
    /// <inheritdoc />
    protected override void ProcessRecord() => WriteObject(new VcfTasksConfiguration(ConnectionRegistry.Current.Mode));
}

using System.Management.Automation;

namespace VcfTasks.Commands;

/// <summary>
/// Changes the module's settings for this session, as PowerCLI's Set-PowerCLIConfiguration does: with
/// -DefaultServerMode Multiple, commands without -Server use every connection made without -NotDefault.
/// </summary>
[Cmdlet(VerbsCommon.Set, "VcfTasksConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(VcfTasksConfiguration))]
public sealed class SetVcfTasksConfigurationCommand : VcfCmdlet
{
    /// <summary>Single: commands without -Server use the default connection. Multiple: every default connection.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public DefaultServerMode DefaultServerMode { get; set; }

    /// <summary>Write the settings as they are afterwards.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var registry = ConnectionRegistry.Current;
        if (ShouldProcess("this session", $"Set DefaultServerMode to {DefaultServerMode}"))
        {
            registry.Mode = DefaultServerMode;
            WriteVerbose($"Commands without -Server now use {(DefaultServerMode == DefaultServerMode.Multiple ? "every default connection" : "the default connection")}: {registry.Defaults().Count} open.");
        }
        if (PassThru)
        {
            WriteObject(new VcfTasksConfiguration(registry.Mode));
        }
    }
}

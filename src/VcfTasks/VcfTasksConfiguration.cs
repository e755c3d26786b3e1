namespace VcfTasks;

/// <summary>The module's settings for the current session (runspace), as Get-VcfTasksConfiguration shows them.</summary>
public sealed class VcfTasksConfiguration
{
    /// <summary>A snapshot of the settings.</summary>
    public VcfTasksConfiguration(DefaultServerMode defaultServerMode)
    {
        DefaultServerMode = defaultServerMode;
    }

    /// <summary>Which connections commands use without -Server: Single (the default connection) or Multiple.</summary>
    public DefaultServerMode DefaultServerMode { get; }

    /// <summary>Where the settings apply: this session (runspace) only; a new session starts with the initial values.</summary>
    public string Scope => "Session";
}

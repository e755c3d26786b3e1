namespace VcfTasks;

/// <summary>Which connections commands use when no -Server is given (as PowerCLI's DefaultVIServerMode).</summary>
public enum DefaultServerMode
{
    /// <summary>The default connection only: the newest one made without -NotDefault. The initial mode.</summary>
    Single,

    /// <summary>Every open connection made without -NotDefault, and the default connection.</summary>
    Multiple,
}

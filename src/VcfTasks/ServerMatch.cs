namespace VcfTasks;

/// <summary>
/// Which of the connections a -Server value names a command takes: the rules differ only in how many connections
/// to one server a name gives (see <see cref="ServerResolver"/>).
/// </summary>
internal enum ServerMatch
{
    /// <summary>
    /// Commands that work on tasks: a plain name gives the newest connection it names; a wildcard gives the newest
    /// connection to each server it matches, so no server is read twice. A wildcard that matches nothing is
    /// VcfNotConnected, as an unknown name is: the command would otherwise answer nothing in silence.
    /// </summary>
    Tasks,

    /// <summary>
    /// Disconnect-VcfSddcManager: a plain name gives the newest connection it names; a wildcard gives every
    /// connection it matches (<c>-Server lax-*</c> ends them all) and, matching nothing, leaves nothing to do.
    /// Without a value it is the default connection only, in either default server mode.
    /// </summary>
    Disconnect,

    /// <summary>
    /// Get-VcfSddcManagerConnection: every connection a name or wildcard matches; a wildcard that matches nothing
    /// is no error. Without a value, every open connection.
    /// </summary>
    Connections,
}

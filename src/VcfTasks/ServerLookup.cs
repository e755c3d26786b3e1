using System.Collections.Generic;
using System.Management.Automation;

namespace VcfTasks;

/// <summary>What one value given to -Server (typed, piped, or none at all) named.</summary>
internal sealed class ServerLookup
{
    public ServerLookup(object? given, string? name, IReadOnlyList<VcfConnection> connections, ErrorRecord? error, bool standsIn = false)
    {
        Given = given;
        Name = name;
        Connections = connections;
        Error = error;
        StandsIn = standsIn;
    }

    /// <summary>The value as given, unwrapped from its PSObject; null for "no -Server".</summary>
    public object? Given { get; }

    /// <summary>The value as a name, for messages: a server name, a pattern, or null for the default connection.</summary>
    public string? Name { get; }

    /// <summary>The open connections it names, in the order the rules give (newest first); empty when none.</summary>
    public IReadOnlyList<VcfConnection> Connections { get; }

    /// <summary>Why it names no connection (VcfNotConnected or VcfInvalidNamePattern); null when it names some, or none without fault.</summary>
    public ErrorRecord? Error { get; }

    /// <summary>A connection object that was given and is closed (Disconnect says so instead of failing).</summary>
    public VcfConnection? Closed => Given as VcfConnection is { IsConnected: false } c ? c : null;

    /// <summary>For a task given: its own connection was closed, and this open one to the same server stands in.</summary>
    public bool StandsIn { get; }
}

using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace VcfTasks;

/// <summary>
/// The connections of one runspace, which is the default, and which are the default connections of
/// <see cref="DefaultServerMode.Multiple"/>. Kept per runspace (never in a global variable), so two runspaces in one
/// process, e.g. parallel runbooks, never share or overwrite each other's sessions. What a -Server value names is
/// decided by <see cref="ServerResolver"/>, not here.
/// </summary>
internal sealed class ConnectionRegistry
{
    private static readonly ConditionalWeakTable<Runspace, ConnectionRegistry> ByRunspace = new();
    private static readonly ConnectionRegistry NoRunspace = new();
    private readonly List<VcfConnection> _connections = new();
    // Connections made with -NotDefault: left out of the default connections of Multiple mode, as PowerCLI leaves
    // them out of $DefaultVIServers.
    private readonly HashSet<VcfConnection> _notDefault = new();
    private readonly object _gate = new();

    /// <summary>The registry of the runspace running the current pipeline.</summary>
    public static ConnectionRegistry Current =>
        Runspace.DefaultRunspace is { } runspace ? ByRunspace.GetValue(runspace, _ => new ConnectionRegistry()) : NoRunspace;

    /// <summary>The connection commands use when none is named: the newest unless connected with -NotDefault.</summary>
    public VcfConnection? Default { get; private set; }

    /// <summary>Which connections commands use without -Server (Set-VcfTasksConfiguration -DefaultServerMode).</summary>
    public DefaultServerMode Mode { get; set; } = DefaultServerMode.Single;

    public void Add(VcfConnection connection, bool makeDefault)
    {
        lock (_gate)
        {
            _connections.Add(connection);
            if (!makeDefault)
            {
                _notDefault.Add(connection);
            }
            if (makeDefault || Default is null)
            {
                Default = connection;
            }
        }
    }

    /// <summary>Makes an open connection the default again (Connect-VcfSddcManager reusing it), and one of the default connections.</summary>
    public void MakeDefault(VcfConnection connection)
    {
        lock (_gate)
        {
            if (!_connections.Contains(connection))
            {
                return;
            }
            _notDefault.Remove(connection);
            Default = connection;
        }
    }

    public void Remove(VcfConnection connection)
    {
        lock (_gate)
        {
            _connections.Remove(connection);
            _notDefault.Remove(connection);
            if (ReferenceEquals(Default, connection))
            {
                Default = _connections.Count > 0 ? _connections[_connections.Count - 1] : null;
            }
        }
    }

    /// <summary>The open connections, newest first.</summary>
    public IReadOnlyList<VcfConnection> NewestFirst()
    {
        lock (_gate)
        {
            var open = new List<VcfConnection>(_connections.Count);
            for (int i = _connections.Count - 1; i >= 0; i--)
            {
                if (_connections[i].IsConnected)
                {
                    open.Add(_connections[i]);
                }
            }
            return open;
        }
    }

    /// <summary>
    /// The connections commands use without -Server: in Single mode the default connection; in Multiple mode every
    /// open connection made without -NotDefault, and the default connection, newest first. Empty when none is open.
    /// </summary>
    public IReadOnlyList<VcfConnection> Defaults()
    {
        lock (_gate)
        {
            var open = new List<VcfConnection>();
            for (int i = _connections.Count - 1; i >= 0; i--)
            {
                var c = _connections[i];
                bool wanted = Mode == DefaultServerMode.Multiple ? !_notDefault.Contains(c) || ReferenceEquals(c, Default) : ReferenceEquals(c, Default);
                if (wanted && c.IsConnected)
                {
                    open.Add(c);
                }
            }
            return open;
        }
    }

    /// <summary>Whether <paramref name="connection"/> is this registry's default.</summary>
    public bool IsDefault(VcfConnection connection)
    {
        lock (_gate)
        {
            return ReferenceEquals(Default, connection);
        }
    }
}

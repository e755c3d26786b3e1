using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace VcfTasks;

/// <summary>
/// The connections of one runspace, and which is the default. Kept per runspace (never in a global variable),
/// so two runspaces in one process, e.g. parallel runbooks, never share or overwrite each other's sessions.
/// </summary>
internal sealed class ConnectionRegistry
{
    private static readonly ConditionalWeakTable<Runspace, ConnectionRegistry> ByRunspace = new();
    private static readonly ConnectionRegistry NoRunspace = new();
    private readonly List<VcfConnection> _connections = new();
    private readonly object _gate = new();

    /// <summary>The registry of the runspace running the current pipeline.</summary>
    public static ConnectionRegistry Current =>
        Runspace.DefaultRunspace is { } runspace ? ByRunspace.GetValue(runspace, _ => new ConnectionRegistry()) : NoRunspace;

    /// <summary>The connection commands use when none is named: the newest unless connected with -NotDefault.</summary>
    public VcfConnection? Default { get; private set; }

    public void Add(VcfConnection connection, bool makeDefault)
    {
        lock (_gate)
        {
            _connections.Add(connection);
            if (makeDefault || Default is null) Default = connection;
        }
    }

    public void Remove(VcfConnection connection)
    {
        lock (_gate)
        {
            _connections.Remove(connection);
            if (ReferenceEquals(Default, connection))
                Default = _connections.Count > 0 ? _connections[_connections.Count - 1] : null;
        }
    }

    /// <summary>The open connections, newest first.</summary>
    public IReadOnlyList<VcfConnection> NewestFirst()
    {
        lock (_gate)
        {
            var open = new List<VcfConnection>(_connections.Count);
            for (int i = _connections.Count - 1; i >= 0; i--)
                if (_connections[i].IsConnected) open.Add(_connections[i]);
            return open;
        }
    }

    /// <summary>Whether <paramref name="connection"/> is this registry's default.</summary>
    public bool IsDefault(VcfConnection connection)
    {
        lock (_gate) return ReferenceEquals(Default, connection);
    }

    /// <summary>The newest open connection whose server name (with or without port) or id is <paramref name="name"/>.</summary>
    public VcfConnection? Find(string name)
    {
        lock (_gate)
        {
            for (int i = _connections.Count - 1; i >= 0; i--)
            {
                var c = _connections[i];
                if (string.Equals(c.Server, name, StringComparison.OrdinalIgnoreCase) ||
                    string.Equals(c.BaseUri.Host, name, StringComparison.OrdinalIgnoreCase) ||
                    string.Equals(c.BaseUri.GetLeftPart(UriPartial.Authority), name.TrimEnd('/'), StringComparison.OrdinalIgnoreCase) ||
                    string.Equals(c.Id, name, StringComparison.OrdinalIgnoreCase))
                {
                    return c;
                }
            }
            return null;
        }
    }
}

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace VcfTasks;

/// <summary>
/// The one place that turns what a user typed or piped to -Server into connections. Every cmdlet and completer
/// asks it; the rules are here and only here:
/// <list type="bullet">
/// <item>No value: the default connections (<see cref="ConnectionRegistry.Defaults"/>: the default connection, or in
/// Multiple mode every connection made without -NotDefault); with <see cref="ServerMatch.Disconnect"/> the default
/// connection only; with <see cref="ServerMatch.Connections"/> every open connection.</item>
/// <item>A connection object: itself while open; closed, it names nothing (VcfNotConnected).</item>
/// <item>A task: the connection it was read through; if that was closed since, the newest open connection to the same
/// server stands in.</item>
/// <item>A row with a Server column or key (Import-Csv, a hashtable): that value, by these same rules.</item>
/// <item>Text, first as a plain name: a connection whose Server (host, or host:port when not 443), https URL (with or
/// without the trailing slash), address (host:port or a URL naming the same host and port) or connection id it is,
/// ignoring case; failing that, a connection on that host, whatever its port. Then, when it has wildcard characters, as a pattern over the same Server, host, URL and
/// id, as Get-VcfSddcManagerConnection has always matched them. How many of the connections it names are taken is
/// the caller's <see cref="ServerMatch"/>.</item>
/// </list>
/// </summary>
internal static class ServerResolver
{
    /// <summary>
    /// What each value of <paramref name="given"/> names, one lookup per value in the order given (null or empty:
    /// one lookup for "no -Server"). Nothing is written: the caller decides whether a miss stops the command.
    /// </summary>
    public static IReadOnlyList<ServerLookup> Resolve(IEnumerable? given, ServerMatch match, ConnectionRegistry? registry = null)
    {
        registry ??= ConnectionRegistry.Current;
        var values = new List<object>();
        if (given is string)
        {
            values.Add(given);
        }
        else if (given is not null)
        {
            foreach (var item in given)
            {
                if (Unwrap(item) is { } value)
                {
                    values.Add(value);
                }
            }
        }
        if (values.Count == 0)
        {
            return new[] { Defaults(registry, match) };
        }
        var open = registry.NewestFirst();
        return values.Select(v => Lookup(v, match, open, registry)).ToArray();
    }

    /// <summary>Every connection the lookups name, each once, in order.</summary>
    public static List<VcfConnection> Connections(IEnumerable<ServerLookup> lookups)
    {
        var found = new List<VcfConnection>();
        foreach (var c in lookups.SelectMany(l => l.Connections))
        {
            if (!found.Contains(c))
            {
                found.Add(c);
            }
        }
        return found;
    }

    /// <summary>The connection a task goes back to (see the rules above); null value: the default connections.</summary>
    public static ServerLookup ForTask(VcfTask task, ConnectionRegistry? registry = null) =>
        Resolve(new object[] { task }, ServerMatch.Tasks, registry)[0];

    private static ServerLookup Defaults(ConnectionRegistry registry, ServerMatch match)
    {
        IReadOnlyList<VcfConnection> connections = match switch
        {
            ServerMatch.Connections => registry.NewestFirst(),
            ServerMatch.Disconnect => registry.Default is { IsConnected: true } d ? new[] { d } : Array.Empty<VcfConnection>(),
            _ => registry.Defaults(),
        };
        var error = connections.Count == 0 && match != ServerMatch.Connections ? ErrorRecords.NotConnected(null) : null;
        return new ServerLookup(null, null, connections, error);
    }

    // A PSObject is its base object; a row (a PSCustomObject, any object but text, a connection or a task, or a
    // dictionary) with a Server property or key is that value. Null stays null and is left out.
    private static object? Unwrap(object? item)
    {
        var wrapped = item as PSObject;
        var value = wrapped is null ? item : wrapped.BaseObject;
        if (value is null or string or VcfConnection or VcfTask)
        {
            return value;
        }
        if (value is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                if (string.Equals(entry.Key as string, "Server", StringComparison.OrdinalIgnoreCase))
                {
                    return UnwrapInner(entry.Value) ?? value;
                }
            }
            return value;
        }
        var row = wrapped ?? PSObject.AsPSObject(value);
        return row.Properties["Server"] is { } property && UnwrapInner(property.Value) is { } server ? server : value;
    }

    private static object? UnwrapInner(object? value) => value is PSObject p ? p.BaseObject : value;

    private static ServerLookup Lookup(object value, ServerMatch match, IReadOnlyList<VcfConnection> open, ConnectionRegistry registry)
    {
        switch (value)
        {
            case VcfConnection c:
                return c.IsConnected
                    ? new ServerLookup(c, c.Server, new[] { c }, null)
                    : new ServerLookup(c, c.Server, Array.Empty<VcfConnection>(), ErrorRecords.NotConnected(c.Server));
            case VcfTask task:
                return Task(task, match, open, registry);
            default:
                return Name(value, value.ToString() ?? string.Empty, match, open);
        }
    }

    private static ServerLookup Task(VcfTask task, ServerMatch match, IReadOnlyList<VcfConnection> open, ConnectionRegistry registry)
    {
        var from = task.Connection;
        if (from is null)
        {
            var defaults = Defaults(registry, match);
            return new ServerLookup(task, defaults.Name, defaults.Connections, defaults.Error);
        }
        if (from.IsConnected)
        {
            return new ServerLookup(task, from.Server, new[] { from }, null);
        }
        // Read through a connection closed since (the user reconnected): the newest open one to the same server.
        var again = open.FirstOrDefault(c => SameAddress(c.BaseUri, from.BaseUri));
        return again is null
            ? new ServerLookup(task, from.Server, Array.Empty<VcfConnection>(), ErrorRecords.NotConnected(from.Server))
            : new ServerLookup(task, from.Server, new[] { again }, null, standsIn: true);
    }

    private static ServerLookup Name(object given, string text, ServerMatch match, IReadOnlyList<VcfConnection> open)
    {
        var name = text.Trim();
        var plain = name.TrimEnd('/');
        var address = AddressOf(plain);
        // A name that is a connection's Server, URL, address or id names it before a bare host name does:
        // 'sfo-vcf01.rainpole.io' is the connection on port 443, not a newer one on 8443 of the same host.
        var named = open.Where(c => Names(c, plain, address)).ToList();
        var byHost = open.Where(c => string.Equals(c.BaseUri.Host, plain, StringComparison.OrdinalIgnoreCase)).ToList();
        if (match == ServerMatch.Connections)
        {
            named = open.Where(c => named.Contains(c) || byHost.Contains(c)).ToList();
        }
        else if (named.Count == 0)
        {
            named = byHost;
        }
        if (named.Count > 0)
        {
            var taken = match == ServerMatch.Connections ? named : named.Take(1).ToList();
            return new ServerLookup(given, name, taken, null);
        }
        if (!WildcardPattern.ContainsWildcardCharacters(plain))
        {
            return new ServerLookup(given, name, Array.Empty<VcfConnection>(), ErrorRecords.NotConnected(name));
        }
        List<VcfConnection> matched;
        try
        {
            var pattern = new WildcardPattern(plain, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            matched = open.Where(c => pattern.IsMatch(c.Server) || pattern.IsMatch(c.BaseUri.Host) || pattern.IsMatch(c.Id) ||
                                      pattern.IsMatch(Authority(c.BaseUri))).ToList();
        }
        catch (WildcardPatternException e)
        {
            var error = new ErrorRecord(new ArgumentException($"-Server '{name}' is not a valid wildcard pattern: {e.Message} To match a wildcard character literally, escape it with a backtick (`[).", "Server", e),
                "VcfInvalidNamePattern", ErrorCategory.InvalidArgument, name);
            return new ServerLookup(given, name, Array.Empty<VcfConnection>(), error);
        }
        if (match == ServerMatch.Tasks)
        {
            // One connection per server: two connections to one server (two users) would read every task twice.
            matched = matched.GroupBy(c => Authority(c.BaseUri), StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList();
        }
        var miss = matched.Count == 0 && match == ServerMatch.Tasks ? NoMatch(name) : null;
        return new ServerLookup(given, name, matched, miss);
    }

    private static bool Names(VcfConnection c, string name, Uri? address) =>
        string.Equals(c.Server, name, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(Authority(c.BaseUri), name, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(c.Id, name, StringComparison.OrdinalIgnoreCase) ||
        (address is not null && SameAddress(c.BaseUri, address));

    // "host:443", "https://host:443/", "https://host" name the connection to https://host/ (port 443).
    private static Uri? AddressOf(string name)
    {
        if (name.Length == 0 || WildcardPattern.ContainsWildcardCharacters(name) && !name.StartsWith("[", StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            return new VcfConnectionOptions { Server = name }.ToBaseUri();
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    private static bool SameAddress(Uri a, Uri b) =>
        string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    private static string Authority(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    private static ErrorRecord NoMatch(string pattern)
    {
        var e = new VcfException(VcfErrorKind.NotConnected, $"No open connection matches '{pattern}'.")
        {
            RecommendedAction = "See the open connections with Get-VcfSddcManagerConnection, or connect with Connect-VcfSddcManager -Server <name>.",
        };
        return ErrorRecords.From(e, pattern);
    }
}

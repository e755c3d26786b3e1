using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace VcfTasks.Completers;

/// <summary>What the completers share: the word typed so far, quoting, and the connection a command line names.</summary>
internal static class Completion
{
    /// <summary>The word being completed without the quotes the user may have opened.</summary>
    public static string Prefix(string? wordToComplete) => (wordToComplete ?? string.Empty).Trim('\'', '"');

    /// <summary>A value as it must be typed: single-quoted when PowerShell would otherwise read it differently.</summary>
    public static string Quote(string value)
    {
        foreach (char c in value)
        {
            if (char.IsWhiteSpace(c) || "'\"`$@(){};,|&<>#".IndexOf(c) >= 0)
                return "'" + CodeGeneration.EscapeSingleQuotedStringContent(value) + "'";
        }
        return value;
    }

    /// <summary>
    /// The connection the command line names with -Server (a connection object or a server name; the first when
    /// several are given), else the default connection; null when -Server names nothing open.
    /// </summary>
    public static VcfConnection? Connection(IDictionary? fakeBoundParameters)
    {
        var registry = ConnectionRegistry.Current;
        object? server = fakeBoundParameters is not null && fakeBoundParameters.Contains("Server") ? fakeBoundParameters["Server"] : null;
        if (server is PSObject p) server = p.BaseObject;
        if (server is IEnumerable many and not string)
        {
            server = null;
            foreach (var item in many) { server = item is PSObject ip ? ip.BaseObject : item; break; }
        }
        return server switch
        {
            null => registry.Default is { IsConnected: true } d ? d : null,
            VcfConnection c => c.IsConnected ? c : null,
            _ => registry.Find(server.ToString() ?? string.Empty) is { IsConnected: true } found ? found : null,
        };
    }
}

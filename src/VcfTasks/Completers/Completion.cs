using System.Collections;
using System.Linq;
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
    /// The connection the command line names with -Server (the first that <see cref="ServerResolver"/> finds for
    /// what was typed), else the first of the default connections; null when -Server names nothing open.
    /// </summary>
    public static VcfConnection? Connection(IDictionary? fakeBoundParameters) =>
        ServerResolver.Connections(ServerResolver.Resolve(Servers(fakeBoundParameters), ServerMatch.Tasks)).FirstOrDefault();

    /// <summary>The -Server values of a command line as typed so far, as a list; null when it has no -Server.</summary>
    public static object?[]? Servers(IDictionary? fakeBoundParameters)
    {
        object? server = fakeBoundParameters is not null && fakeBoundParameters.Contains("Server") ? fakeBoundParameters["Server"] : null;
        if (server is PSObject p)
        {
            server = p.BaseObject;
        }
        return server switch
        {
            null => null,
            string or VcfConnection => new[] { server },
            IEnumerable many => many.Cast<object?>().ToArray(),
            _ => new[] { server },
        };
    }
}

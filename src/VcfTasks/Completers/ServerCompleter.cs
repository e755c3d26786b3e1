using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace VcfTasks.Completers;

/// <summary>Completes -Server with the servers of the session's open connections, newest first.</summary>
public sealed class ServerCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = Completion.Prefix(wordToComplete);
        var registry = ConnectionRegistry.Current;
        var def = registry.Default;
        foreach (var server in registry.NewestFirst().GroupBy(c => c.Server, StringComparer.OrdinalIgnoreCase))
        {
            if (!server.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            var newest = server.First();
            var who = newest.User ?? newest.AuthenticationMethod.ToString();
            var isDefault = server.Any(c => ReferenceEquals(c, def)) ? "the default connection" : "not the default";
            var tooltip = $"{newest.Server} as {who}, {isDefault} (connection {string.Join(", ", server.Select(c => c.Id))})";
            yield return new CompletionResult(Completion.Quote(newest.Server), newest.Server, CompletionResultType.ParameterValue, tooltip);
        }
    }
}

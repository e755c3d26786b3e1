using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace VcfTasks.Completers;

/// <summary>Completes -Server with the servers of the session's open connections that what is typed names, newest first.</summary>
public sealed class ServerCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = Completion.Prefix(wordToComplete);
        var def = ConnectionRegistry.Current.Default;
        // What is typed so far, taken literally, as the start of a name: matched by ServerResolver's rule, so a
        // connection id or URL typed in part completes to its server too.
        var typed = ServerResolver.Resolve(new[] { WildcardPattern.Escape(prefix) + "*" }, ServerMatch.Connections);
        foreach (var server in ServerResolver.Connections(typed).GroupBy(c => c.Server, StringComparer.OrdinalIgnoreCase))
        {
            var newest = server.First();
            var who = newest.User ?? newest.AuthenticationMethod.ToString();
            var isDefault = server.Any(c => ReferenceEquals(c, def)) ? "the default connection" : "not the default";
            var tooltip = $"{newest.Server} as {who}, {isDefault} (connection {string.Join(", ", server.Select(c => c.Id))})";
            yield return new CompletionResult(Completion.Quote(newest.Server), newest.Server, CompletionResultType.ParameterValue, tooltip);
        }
    }
}

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace VcfTasks.Completers;

/// <summary>
/// Completes -Id with the recent task ids of the connection the command line names with -Server, else the default
/// connection; each with the task's name and status as its tooltip. The list comes from <see cref="RecentTasks"/>:
/// at most one request per completion, none while the list is fresh.
/// </summary>
public sealed class TaskIdCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (Completion.Connection(fakeBoundParameters) is not { } connection) return Array.Empty<CompletionResult>();
        var prefix = Completion.Prefix(wordToComplete);
        return RecentTasks.Of(connection)
            .Where(t => t.Id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(t => new CompletionResult(Completion.Quote(t.Id), t.Id, CompletionResultType.ParameterValue, $"{t.Name} ({t.Status})"))
            .ToArray();
    }
}

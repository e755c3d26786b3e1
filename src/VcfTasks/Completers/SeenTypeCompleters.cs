using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace VcfTasks.Completers;

/// <summary>
/// Completes with values seen in this session's tasks: those read through the connection -Server names, or through
/// every open connection. Sends no request.
/// </summary>
public abstract class SeenValueCompleter : IArgumentCompleter
{
    private protected abstract IEnumerable<string> ValuesOf(SeenValues seen);

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = Completion.Prefix(wordToComplete);
        // Without -Server, every open connection: a type seen anywhere in the session is worth offering.
        var servers = Completion.Servers(fakeBoundParameters);
        IReadOnlyList<VcfConnection> connections = servers is null
            ? ConnectionRegistry.Current.NewestFirst()
            : ServerResolver.Connections(ServerResolver.Resolve(servers, ServerMatch.Tasks));
        return connections.SelectMany(c => ValuesOf(c.Seen))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(v => v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .OrderBy(v => v, StringComparer.OrdinalIgnoreCase)
            .Select(v => new CompletionResult(Completion.Quote(v), v, CompletionResultType.ParameterValue, v))
            .ToArray();
    }
}

/// <summary>Completes -Type with the task types seen in this session (e.g. HOST_COMMISSION).</summary>
public sealed class TaskTypeCompleter : SeenValueCompleter
{
    private protected override IEnumerable<string> ValuesOf(SeenValues seen) => seen.TaskTypes;
}

/// <summary>Completes -ResourceType with the resource types seen in this session's tasks (e.g. HOST).</summary>
public sealed class ResourceTypeCompleter : SeenValueCompleter
{
    private protected override IEnumerable<string> ValuesOf(SeenValues seen) => seen.ResourceTypes;
}

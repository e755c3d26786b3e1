using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace VcfTasks.Commands;

/// <summary>Accepts any spelling of a known task state ('Failed', 'FAILED', 'In Progress', 'IN_PROGRESS', 'InProgress').</summary>
public sealed class ValidateTaskStatusAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        IEnumerable items = arguments is string s ? new[] { s } : arguments as IEnumerable ?? new[] { arguments };
        foreach (var item in items)
        {
            var text = (item is PSObject p ? p.BaseObject : item)?.ToString();
            if (VcfTaskStatus.ParseState(text) == VcfTaskState.Unknown)
                throw new ValidationMetadataException(
                    $"'{text}' is not a task status. Use one of: {string.Join(", ", TaskStatusCompleter.Names)}.");
        }
    }
}

/// <summary>Completes -Status with the task states.</summary>
public sealed class TaskStatusCompleter : IArgumentCompleter
{
    internal static readonly string[] Names =
    {
        "Pending", "'In Progress'", "Successful", "Failed", "Cancelled", "COMPLETED_WITH_WARNING", "Skipped",
        "NOT_APPLICABLE", "USER_CANCELLED", "INCONSISTENT",
    };

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = wordToComplete.Trim('\'', '"');
        return Names
            .Where(n => n.Trim('\'').StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n.Trim('\''), CompletionResultType.ParameterValue, n.Trim('\'')));
    }
}

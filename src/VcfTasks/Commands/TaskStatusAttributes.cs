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
            {
                throw new ValidationMetadataException(
                    $"'{text}' is not a task status. Use one of: {string.Join(", ", TaskStatusCompleter.Names)}.");
            }
        }
    }
}

/// <summary>
/// Completes -Status with the task states in one spelling, the one tasks show (<c>InProgress</c>,
/// <c>CompletedWithWarning</c>: no quotes needed); the tooltip gives the API's spelling.
/// </summary>
public sealed class TaskStatusCompleter : IArgumentCompleter
{
    internal static readonly string[] Names = System.Enum.GetValues(typeof(VcfTaskState)).Cast<VcfTaskState>()
        .Where(s => s != VcfTaskState.Unknown).Select(s => s.ToString()).ToArray();

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        // Any spelling typed so far finds its state: 'in pr', IN_PR and inpr all complete to InProgress.
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"').Replace(" ", string.Empty).Replace("_", string.Empty);
        return Names
            .Where(n => n.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue,
                VcfTaskStatus.ToApiValue(VcfTaskStatus.ParseState(n)) ?? n));
    }
}

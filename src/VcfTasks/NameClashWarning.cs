using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace VcfTasks;

/// <summary>
/// Runs when the module is imported: warns when another loaded module exports a command whose name is one of ours
/// (PowerShell command names ignore case, so PowerVCF's <c>Get-VCFTask</c> and our <c>Get-VcfTask</c> are one
/// name), and again the first time one of our names is answered by a module imported after this one. Whichever
/// wins, the user would otherwise not know which one answers; the warning names both commands and the
/// module-qualified form that always reaches ours.
/// </summary>
public sealed class NameClashWarning : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal const string ModuleName = "VcfTasks";

    /// <summary>The module's cmdlet names, from the cmdlet classes of this assembly.</summary>
    internal static readonly string[] OurCommands = typeof(NameClashWarning).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(Cmdlet).IsAssignableFrom(t))
        .Select(t => t.GetCustomAttribute<CmdletAttribute>())
        .Where(a => a is not null)
        .Select(a => a!.VerbName + "-" + a.NounName)
        .OrderBy(n => n, StringComparer.Ordinal)
        .ToArray();

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Runspace, LookupWatch> Watches = new();

    /// <inheritdoc />
    public void OnImport()
    {
        if (Runspace.DefaultRunspace is not { } runspace) return;
        try
        {
            using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
            var modules = ps.AddCommand("Get-Module").Invoke<PSModuleInfo>();
            var commands = modules.Where(m => m is not null).SelectMany(m =>
                m.ExportedCommands.Values.Select(c => (Module: m.Name, Command: c.Name, c.CommandType))).ToList();
            Warn(Describe(commands));

            // A module imported after this one (PowerVCF imported second) runs nothing of ours: the first time one of
            // our names then finds another module's command, the lookup hook says so, once per command (and not
            // again for a clash this import has just reported).
            if (EngineOf() is { } engine && !Watches.TryGetValue(runspace, out _))
            {
                var watch = new LookupWatch();
                foreach (var c in commands) watch.Reported(c.Module, c.Command);
                Watches.Add(runspace, watch);
                engine.InvokeCommand.PostCommandLookupAction += watch.OnLookup;
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException and not ActionPreferenceStopException)
        {
            // A check that could not be made must never make the import fail.
        }
    }

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (Runspace.DefaultRunspace is not { } runspace || !Watches.TryGetValue(runspace, out var watch)) return;
        Watches.Remove(runspace);
        if (EngineOf() is { } engine) engine.InvokeCommand.PostCommandLookupAction -= watch.OnLookup;
    }

    private static EngineIntrinsics? EngineOf() =>
        ScriptBlock.Create("$ExecutionContext").Invoke().FirstOrDefault()?.BaseObject as EngineIntrinsics;

    /// <summary>
    /// Writes <paramref name="message"/> as a warning of the pipeline that is running (Import-Module's, or the one
    /// whose command lookup found the clash): 3&gt; and $WarningPreference apply to it.
    /// </summary>
    private static void Warn(string? message)
    {
        if (message is null) return;
        ScriptBlock.Create("param($Message) Write-Warning -Message $Message").Invoke(message);
    }

    /// <summary>Watches command lookups of one runspace for our names answered by another module's command.</summary>
    private sealed class LookupWatch
    {
        private readonly HashSet<string> _warned = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>Marks a command as reported; false when it was already.</summary>
        public bool Reported(string module, string command) => _warned.Add(module + "\\" + command);

        public void OnLookup(object? sender, CommandLookupEventArgs e)
        {
            var command = e.Command;
            if (command is null || string.IsNullOrEmpty(command.ModuleName)) return;
            if (string.Equals(command.ModuleName, ModuleName, StringComparison.OrdinalIgnoreCase)) return;
            if (!OurCommands.Contains(e.CommandName, StringComparer.OrdinalIgnoreCase)) return;
            if (!Reported(command.ModuleName, command.Name)) return;
            try
            {
                Warn(Describe(new[] { (command.ModuleName, command.Name, command.CommandType) }, theirsAnswered: true));
            }
            catch (Exception ex) when (ex is not PipelineStoppedException and not ActionPreferenceStopException)
            {
                // The warning is a courtesy: never let it break the command being looked up.
            }
        }
    }

    /// <summary>
    /// One warning for every clash among <paramref name="commands"/> (module, command, type), or null when none:
    /// commands of our own module never count. <paramref name="theirsAnswered"/>: a lookup of our name found theirs.
    /// </summary>
    internal static string? Describe(IEnumerable<(string Module, string Command, CommandTypes Type)> commands, bool theirsAnswered = false)
    {
        var lines = new List<string>();
        foreach (var c in commands)
        {
            if (string.Equals(c.Module, ModuleName, StringComparison.OrdinalIgnoreCase)) continue;
            var ours = OurCommands.FirstOrDefault(n => string.Equals(n, c.Command, StringComparison.OrdinalIgnoreCase));
            if (ours is null) continue;
            // Aliases and functions come before cmdlets in command lookup, whatever the import order; a cmdlet
            // imported earlier is hidden by ours.
            var who = theirsAnswered || c.Type is CommandTypes.Alias or CommandTypes.Function or CommandTypes.Filter
                ? $"{c.Module}\\{c.Command} (a {c.Type.ToString().ToLowerInvariant()}) answers '{ours}' before this module's cmdlet"
                : $"this module's cmdlet now answers '{c.Command}' instead of {c.Module}\\{c.Command}";
            lines.Add($"'{c.Command}' of module {c.Module} and '{ours}' of module {ModuleName} are the same command name (names ignore case): {who}. " +
                      $"Call {ModuleName}\\{ours} for this module's and {c.Module}\\{c.Command} for the other.");
        }
        return lines.Count == 0 ? null : string.Join(Environment.NewLine, lines.Distinct());
    }
}

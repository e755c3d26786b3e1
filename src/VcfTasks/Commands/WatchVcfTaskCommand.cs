using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Completers;

namespace VcfTasks.Commands;

/// <summary>
/// Watches SDDC Manager tasks and writes one change object each time a task appears, changes status or finishes,
/// on one or several servers, until -TimeoutSec, -Until or Ctrl+C.
/// </summary>
[Cmdlet(VerbsCommon.Watch, "VcfTask")]
[OutputType(typeof(VcfTaskChange))]
public sealed class WatchVcfTaskCommand : VcfCmdlet
{
    /// <summary>The connections or server names to watch; wildcards match open connections; by default the default connection.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ServerCompleter))]
    public object[]? Server { get; set; }

    /// <summary>Only changes into these states; any spelling.</summary>
    [Parameter]
    [ValidateTaskStatus]
    [ArgumentCompleter(typeof(TaskStatusCompleter))]
    public string[]? Status { get; set; }

    /// <summary>Only tasks whose name contains this text (case-insensitive).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>Only tasks of this type, e.g. HOST_COMMISSION.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TaskTypeCompleter))]
    public string? Type { get; set; }

    /// <summary>Only tasks acting on the resource with this id.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ResourceId { get; set; }

    /// <summary>Only tasks acting on a resource of this type, e.g. HOST.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceTypeCompleter))]
    public string? ResourceType { get; set; }

    /// <summary>Tell of tasks that finished after this time (default: now).</summary>
    [Parameter]
    public DateTime? Since { get; set; }

    /// <summary>Stop after this many seconds.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; }

    /// <summary>Stop at this time.</summary>
    [Parameter]
    public DateTime? Until { get; set; }

    /// <summary>Seconds between two looks at each server, 1 to 3600 (default 5).</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int IntervalSec { get; set; } = 5;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var connections = Connections();
        var since = Since is { } s ? new DateTimeOffset(s) : DateTimeOffset.UtcNow;
        var filters = new TaskQuery
        {
            Statuses = Status?.Select(x => new VcfTaskStatus(x)).ToArray() ?? Array.Empty<VcfTaskStatus>(),
            Name = Name,
            Type = Type,
            ResourceId = ResourceId,
            ResourceType = ResourceType,
        };
        var watchers = connections.Select(c => new TaskWatcher(c, filters, since)).ToList();
        DateTimeOffset? deadline = null;
        if (TimeoutSec > 0) deadline = DateTimeOffset.UtcNow.AddSeconds(TimeoutSec);
        if (Until is { } until && (deadline is null || new DateTimeOffset(until) < deadline)) deadline = new DateTimeOffset(until);
        var interval = TimeSpan.FromSeconds(IntervalSec);
        int looks = 0;
        try
        {
            while (watchers.Count > 0)
            {
                var started = DateTimeOffset.UtcNow;
                // Too little time left for a look: the deadline would only cut it off.
                if (deadline is { } end && end - started < TimeSpan.FromTicks(interval.Ticks / 10)) break;
                looks++;
                foreach (var (watcher, changes, error) in Look(watchers, deadline))
                {
                    if (error is not null)
                    {
                        // One server's failure is its own error; the others go on. One that cannot go on (closed,
                        // refused session) leaves the watch.
                        WriteError(ErrorRecords.From(error, watcher.Connection.Server));
                        if (ErrorRecords.StopsTheCommand(error.Kind))
                        {
                            watchers.Remove(watcher);
                            WriteWarning($"No longer watching {watcher.Connection.Server}: {error.Message}");
                        }
                        continue;
                    }
                    foreach (var change in changes!) WriteObject(change);
                }
                var pause = started + interval - DateTimeOffset.UtcNow;
                bool last = false;
                if (deadline is { } stop && DateTimeOffset.UtcNow + pause >= stop)
                {
                    // The time is up before the next look: wait it out and end, rather than start a look it would cut off.
                    pause = stop - DateTimeOffset.UtcNow;
                    last = true;
                }
                if (pause > TimeSpan.Zero) Run(ct => Task.Delay(pause, ct));
                if (last) break;
            }
        }
        finally
        {
            WriteVerbose($"Watched {connections.Count} server(s): {looks} look(s), {watchers.Sum(w => w.Requests)} request(s) from the servers still watched.");
        }
    }

    // One look at every server side by side; a look cut off by the deadline tells nothing.
    private List<(TaskWatcher Watcher, IReadOnlyList<VcfTaskChange>? Changes, VcfException? Error)> Look(List<TaskWatcher> watchers, DateTimeOffset? deadline)
    {
        return Run(async ct =>
        {
            using var look = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (deadline is { } end) look.CancelAfter(Max(end - DateTimeOffset.UtcNow, TimeSpan.Zero));
            var results = await Task.WhenAll(watchers.Select(async w =>
            {
                try
                {
                    return (w, await w.PollAsync(look.Token).ConfigureAwait(false), (VcfException?)null);
                }
                catch (VcfException e)
                {
                    return (w, (IReadOnlyList<VcfTaskChange>?)null, e);
                }
                catch (OperationCanceledException) when (look.IsCancellationRequested && !ct.IsCancellationRequested)
                {
                    return (w, (IReadOnlyList<VcfTaskChange>?)Array.Empty<VcfTaskChange>(), (VcfException?)null);
                }
            })).ConfigureAwait(false);
            return results.ToList();
        });
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    // -Server as other cmdlets take it, plus wildcards matched against the open connections' names.
    private IReadOnlyList<VcfConnection> Connections()
    {
        var given = Server?.Select(s => s is PSObject p ? p.BaseObject : s).Where(s => s is not null).ToArray() ?? Array.Empty<object>();
        var patterns = given.OfType<string>().Where(WildcardPattern.ContainsWildcardCharacters).ToList();
        if (patterns.Count == 0) return ResolveConnections(Server);
        var found = new List<VcfConnection>();
        foreach (var pattern in patterns)
        {
            var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            var matches = ConnectionRegistry.Current.NewestFirst()
                .Where(c => wildcard.IsMatch(c.Server) || wildcard.IsMatch(c.BaseUri.Host) || wildcard.IsMatch(c.BaseUri.GetLeftPart(UriPartial.Authority)))
                .ToList();
            if (matches.Count == 0) WriteError(ErrorRecords.NotConnected(pattern));
            foreach (var m in matches) if (!found.Contains(m)) found.Add(m);
        }
        var rest = given.Where(g => !(g is string s && WildcardPattern.ContainsWildcardCharacters(s))).ToArray();
        if (rest.Length > 0)
            foreach (var c in ResolveConnections(rest)) if (!found.Contains(c)) found.Add(c);
        if (found.Count == 0) ThrowTerminatingError(ErrorRecords.NotConnected(string.Join(", ", patterns)));
        return found;
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks.Commands;

/// <summary>
/// The base of every VcfTasks cmdlet: owns the cancellation token that Ctrl+C (StopProcessing) cancels, runs core
/// calls to completion on the pipeline thread while writing their queued log messages, resolves -Server, and
/// turns core failures into error records. Nothing is written from another thread.
/// </summary>
public abstract class VcfCmdlet : PSCmdlet, IVcfLogSink
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(VcfLogLevel Level, string Message)> _messages = new();

    private bool _idOnCommandLine;
    private bool _serverOnCommandLine;
    private readonly HashSet<string> _notConnectedReported = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    protected override void StopProcessing() => _stop.Cancel();

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        // Before any pipeline input is bound: an -Id given here was typed, not taken from a piped object.
        _idOnCommandLine = MyInvocation.BoundParameters.ContainsKey("Id");
        _serverOnCommandLine = MyInvocation.BoundParameters.ContainsKey("Server");
        base.BeginProcessing();
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        FlushMessages();
        base.EndProcessing();
    }

    void IVcfLogSink.Log(VcfLogLevel level, string message) => _messages.Enqueue((level, message));

    /// <summary>Runs a core call to completion, writing its messages as they come; Ctrl+C stops it.</summary>
    protected internal T Run<T>(Func<CancellationToken, Task<T>> work)
    {
        Task<T> task;
        using (VcfLog.Use(this))
        {
            task = work(_stop.Token);
        }
        while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(50)) FlushMessages();
        FlushMessages();
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Runs a core call that returns nothing.</summary>
    protected internal void Run(Func<CancellationToken, Task> work) => Run(async ct =>
    {
        await work(ct).ConfigureAwait(false);
        return true;
    });

    /// <summary>Writes queued core messages to the verbose, debug and warning streams.</summary>
    private void FlushMessages()
    {
        while (_messages.TryDequeue(out var m))
        {
            switch (m.Level)
            {
                case VcfLogLevel.Warning: WriteWarning(m.Message); break;
                case VcfLogLevel.Debug: WriteDebug(m.Message); break;
                default: WriteVerbose(m.Message); break;
            }
        }
    }

    // -Debug on a compiled cmdlet sets DebugPreference to Inquire, and with it the verbose and warning preferences:
    // after each message is written to its stream, PowerShell asks whether to go on. A host that cannot ask
    // (pwsh -NonInteractive, a scheduled runbook) fails that question with PSInvalidOperationException, and the
    // command would stop. These three hide Cmdlet's own, so every message of every VcfTasks cmdlet goes through them:
    // the message is written, and a question that cannot be asked is passed over, as PowerShell's own functions do
    // (-Debug means Continue for them). Halt, answered by a host that can ask, still stops the command: it throws
    // another exception.

    /// <summary>Writes a debug message; under -Debug in a host that cannot ask, goes on instead of stopping.</summary>
    public new void WriteDebug(string text) => WithoutQuestion(() => base.WriteDebug(text));

    /// <summary>Writes a verbose message; under -Debug in a host that cannot ask, goes on instead of stopping.</summary>
    public new void WriteVerbose(string text) => WithoutQuestion(() => base.WriteVerbose(text));

    /// <summary>Writes a warning; under -Debug in a host that cannot ask, goes on instead of stopping.</summary>
    public new void WriteWarning(string text) => WithoutQuestion(() => base.WriteWarning(text));

    private void WithoutQuestion(Action write)
    {
        try
        {
            write();
        }
        catch (PSInvalidOperationException) when (!_stop.IsCancellationRequested)
        {
        }
        catch (System.Management.Automation.Host.HostException) when (!_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// The one connection to use: <paramref name="server"/> when given (a connection or a server name), else the
    /// default connection; what names what is <see cref="ServerResolver"/>'s. Not connected is a terminating error
    /// that says what to do.
    /// </summary>
    protected VcfConnection ResolveConnection(object? server)
    {
        var lookup = ServerResolver.Resolve(server is null ? null : new[] { server }, ServerMatch.Tasks)[0];
        return lookup.Connections.Count > 0 ? lookup.Connections[0] : throw Terminate(lookup.Error ?? ErrorRecords.NotConnected(lookup.Name));
    }

    /// <summary>
    /// The connections of a -Server value that may name several (connections, server names, URLs, wildcards), each
    /// once, in the order given; none given is the default connections (<see cref="ServerResolver"/>). A value that
    /// names no open connection gets its own error, once for the command, and the others go on; when none of them is
    /// connected, the command stops with the last one's error.
    /// </summary>
    protected IReadOnlyList<VcfConnection> ResolveConnections(object[]? servers)
    {
        var lookups = ServerResolver.Resolve(servers, ServerMatch.Tasks);
        var found = ServerResolver.Connections(lookups);
        var misses = lookups.Where(l => l.Error is not null).ToList();
        // Once per name for the whole command: piped ids resolve -Server again for each input, the errors stay one.
        // When none is connected, the last one stops the command.
        for (int i = 0; i < misses.Count - (found.Count == 0 ? 1 : 0); i++)
        {
            if (_notConnectedReported.Add(misses[i].Name ?? string.Empty))
            {
                WriteError(misses[i].Error!);
            }
        }
        if (found.Count == 0)
        {
            throw Terminate(misses.Count > 0 ? misses[misses.Count - 1].Error! : ErrorRecords.NotConnected(null));
        }
        return found;
    }

    /// <summary>
    /// The connection a task object goes back to: the one it was read from; if that one was closed since, the
    /// newest open connection to the same server; else not connected (terminating).
    /// </summary>
    protected VcfConnection ConnectionFor(VcfTask task)
    {
        var lookup = ServerResolver.ForTask(task);
        if (lookup.Connections.Count == 0)
        {
            throw Terminate(lookup.Error ?? ErrorRecords.NotConnected(lookup.Name));
        }
        var again = lookup.Connections[0];
        if (lookup.StandsIn)
        {
            WriteVerbose($"Task {task.Id} was read through a connection that is closed now; using the open connection {again.Id} to {again.Server}.");
        }
        return again;
    }

    /// <summary>
    /// The tasks of the current pipeline input: with <paramref name="ids"/>, each on the connections of
    /// <paramref name="servers"/> (or the default connection), trimmed; else each of <paramref name="tasks"/> on
    /// the connection it came from (<c>Given</c>). A blank id gets its own error and is left out. With several
    /// servers each id is read from each (<c>Read</c>), and only an id that no server has is VcfTaskNotFound.
    /// </summary>
    private protected IEnumerable<TaskTarget> TaskTargets(string[]? ids, object[]? servers, VcfTask[] tasks)
    {
        if (ids is not null)
        {
            var connections = servers is { Length: > 0 } && !_serverOnCommandLine ? PipedServers(servers) : ResolveConnections(servers);
            foreach (var id in connections.Count == 0 ? Array.Empty<string>() : ids)
            {
                if (!IsUsableId(id)) continue;
                if (connections.Count == 1)
                {
                    yield return new TaskTarget(connections[0], id.Trim(), null, null);
                    continue;
                }
                foreach (var (connection, task) in TaskLocator.Locate(this, id.Trim(), connections)) yield return new TaskTarget(connection, task.Id, null, task);
            }
        }
        else
        {
            foreach (var task in tasks)
                if (task is not null && IsUsableId(task.Id)) yield return new TaskTarget(ConnectionFor(task), task.Id, task, null);
        }
    }

    /// <summary>
    /// The connections of a Server value bound from a piped object (Import-Csv | ...): that row's own. A name with no
    /// open connection is a VcfNotConnected for that row only, and the rows after it go on.
    /// </summary>
    private List<VcfConnection> PipedServers(object[] servers)
    {
        var lookups = ServerResolver.Resolve(servers, ServerMatch.Tasks);
        foreach (var miss in lookups.Where(l => l.Error is not null))
        {
            WriteError(miss.Error!);
        }
        return ServerResolver.Connections(lookups);
    }

    /// <summary>
    /// The open connection that came down the pipeline, or null. A connection piped to a cmdlet that takes task ids
    /// binds its Id (a connection id, not a task id) to -Id and its Server to -Server by property name; this tells
    /// that apart from a task id: exactly one piped id that is an open connection's id, with that connection's server.
    /// </summary>
    private protected VcfConnection? PipedConnection(string[]? ids, object[]? servers)
    {
        if (_idOnCommandLine || !MyInvocation.ExpectingInput || ids is not { Length: 1 } || servers is not { Length: 1 }) return null;
        var server = servers[0] is PSObject p ? p.BaseObject : servers[0];
        // Only the connection's own id: this tells a piped connection apart from a task id, it does not look a name up.
        return ConnectionRegistry.Current.NewestFirst().FirstOrDefault(c => string.Equals(c.Id, ids[0], StringComparison.Ordinal)) is { } c &&
               (ReferenceEquals(server, c) || string.Equals(server as string, c.Server, StringComparison.OrdinalIgnoreCase))
            ? c
            : null;
    }

    /// <summary>False (with an error for that item) for an id that is blank, so one bad row does not stop the rest.</summary>
    protected bool IsUsableId(string? id)
    {
        if (!string.IsNullOrWhiteSpace(id)) return true;
        WriteError(new ErrorRecord(new ArgumentException("A task id cannot be empty or blank."), "VcfInvalidTaskId", ErrorCategory.InvalidArgument, id));
        return false;
    }

    /// <summary>Writes a core failure: non-terminating for one item, terminating when nothing else could succeed.</summary>
    internal void Report(VcfException e, object? target)
    {
        var record = ErrorRecords.From(e, target);
        if (ErrorRecords.StopsTheCommand(e.Kind)) ThrowTerminatingError(record);
        WriteError(record);
    }

    /// <summary>The token that Ctrl+C cancels, for work started inside <see cref="Run{T}"/> and awaited later.</summary>
    protected internal CancellationToken StopToken => _stop.Token;

    /// <summary>A stop that <paramref name="e"/> stands for: Ctrl+C, else null.</summary>
    protected internal Exception? Stopped(Exception e) => e is OperationCanceledException && _stop.IsCancellationRequested ? new PipelineStoppedException() : null;

    private protected Exception Terminate(ErrorRecord record)
    {
        ThrowTerminatingError(record);
        return new InvalidOperationException("unreachable");
    }
}


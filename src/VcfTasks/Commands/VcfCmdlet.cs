using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
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

    /// <inheritdoc />
    protected override void StopProcessing() => _stop.Cancel();

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

    /// <summary>
    /// The connection to use: <paramref name="server"/> when given (a connection or a server name),
    /// else the default. Not connected is a terminating error that says what to do.
    /// </summary>
    protected VcfConnection ResolveConnection(object? server)
    {
        if (server is PSObject wrapped) server = wrapped.BaseObject;
        switch (server)
        {
            case null:
                return ConnectionRegistry.Current.Default is { IsConnected: true } d ? d : throw Terminate(ErrorRecords.NotConnected(null));
            case VcfConnection c:
                return c.IsConnected ? c : throw Terminate(ErrorRecords.NotConnected(c.Server));
            default:
                var name = server.ToString() ?? string.Empty;
                return ConnectionRegistry.Current.Find(name) is { IsConnected: true } found ? found : throw Terminate(ErrorRecords.NotConnected(name));
        }
    }

    /// <summary>
    /// The connection a task object goes back to: the one it was read from; if that one was closed since, the
    /// newest open connection to the same server; else not connected (terminating).
    /// </summary>
    protected VcfConnection ConnectionFor(VcfTask task)
    {
        var from = task.Connection;
        if (from is null) return ResolveConnection(null);
        if (from.IsConnected) return from;
        if (ConnectionRegistry.Current.Find(from.BaseUri.GetLeftPart(UriPartial.Authority)) is { IsConnected: true } again)
        {
            WriteVerbose($"Task {task.Id} was read through a connection that is closed now; using the open connection {again.Id} to {again.Server}.");
            return again;
        }
        throw Terminate(ErrorRecords.NotConnected(from.Server));
    }

    /// <summary>
    /// The tasks of the current pipeline input: with <paramref name="ids"/>, each on <paramref name="server"/>
    /// (or the default connection), trimmed; else each of <paramref name="tasks"/> on the connection it came from.
    /// A blank id gets its own error and is left out.
    /// </summary>
    protected IEnumerable<(VcfConnection Connection, string Id, VcfTask? Task)> TaskTargets(string[]? ids, object? server, VcfTask[] tasks)
    {
        if (ids is not null)
        {
            var connection = ResolveConnection(server);
            foreach (var id in ids)
                if (IsUsableId(id)) yield return (connection, id.Trim(), null);
        }
        else
        {
            foreach (var task in tasks)
                if (task is not null && IsUsableId(task.Id)) yield return (ConnectionFor(task), task.Id, task);
        }
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

    private Exception Terminate(ErrorRecord record)
    {
        ThrowTerminatingError(record);
        return new InvalidOperationException("unreachable");
    }
}

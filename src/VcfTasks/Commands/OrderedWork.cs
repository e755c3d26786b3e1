using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks.Commands;

/// <summary>
/// Runs the per-task requests of a pipeline side by side while keeping its promises: up to a window of tasks per
/// server at once (-ThrottleLimit; a 429 or 503 halves that server's window, down to 1, and only that one's), every
/// server side by side, output and errors written in input order on the pipeline thread, questions asked there one
/// task at a time before that task's request, and Ctrl+C cancelling every request in flight at once. A task counts
/// against its server's window from the moment it is taken until it is written, so an endless pipeline holds at most
/// a window of tasks per server. The first task of a server goes alone, and the window opens once a request of it
/// was answered: a server that refuses the token, or cannot be reached, hears one request and the command stops, as
/// it did one task after another (so a single task, or a single failing server, costs what it did before). The
/// requests themselves are the core's: a PATCH or DELETE is sent once.
/// </summary>
internal sealed class OrderedWork
{
    private readonly VcfCmdlet _cmdlet;
    private readonly int _throttleLimit;
    private readonly List<WorkItem> _queue = new();
    private readonly Dictionary<VcfConnection, ServerWindow> _windows = new();
    private readonly CancellationTokenSource _cancel;

    /// <param name="cmdlet">The command whose pipeline thread writes, asks and waits; its Ctrl+C cancels every request.</param>
    /// <param name="throttleLimit">Tasks per server at once, 1 to 16.</param>
    public OrderedWork(VcfCmdlet cmdlet, int throttleLimit)
    {
        _cmdlet = cmdlet;
        _throttleLimit = Math.Max(1, throttleLimit);
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cmdlet.StopToken);
    }

    /// <summary>
    /// When true, a task takes its turn (<see cref="WorkStep.InOrder"/>) only once everything before it is written:
    /// while the user is asked or shown what would happen, each question or preview follows the previous task's
    /// output and errors. When false, it only needs every earlier task to be past its own turn.
    /// </summary>
    public bool TurnsAfterOutput { get; set; }

    /// <summary>
    /// True when resolving an input of <paramref name="ids"/> (with <paramref name="servers"/>) or of task objects may
    /// write an error itself: a blank id, a server not connected, several servers (an id is looked for on each), a
    /// closed task connection, or a connection piped where tasks belong (<paramref name="pipedConnection"/>).
    /// </summary>
    public static bool ResolvingMayWrite(string[]? ids, object[]? servers, VcfTask[] tasks, bool pipedConnection)
    {
        if (pipedConnection) return true;
        if (ids is null) return tasks.Any(t => t is null || string.IsNullOrWhiteSpace(t.Id) || t.Connection is { IsConnected: false });
        if (ids.Any(string.IsNullOrWhiteSpace)) return true;
        // What -Server names, by the one resolver: anything but exactly one open connection may write an error.
        return ServerResolver.Resolve(servers, ServerMatch.Tasks).Any(l => l.Error is not null || l.Connections.Count != 1);
    }

    /// <summary>Tasks taken and not written yet (what the window bounds).</summary>
    public int Held => _queue.Count;

    /// <summary>
    /// Starts one request of <paramref name="item"/> now, on its own: it logs to the command and tells the server's
    /// window of overload answers. A failure is kept in the task, for the item's next step to read.
    /// </summary>
    public Task<T> Start<T>(WorkItem item, Func<CancellationToken, Task<T>> request)
    {
        var window = Window(item.Connection);
        Task<T> task;
        using (VcfLog.Use(_cmdlet))
        using (TransientStatusWatch.Use(window.Overloaded))
        {
            try
            {
                task = request(_cancel.Token);
            }
            catch (Exception e)
            {
                task = Task.FromException<T>(e);
            }
        }
        // Reading the exception here also keeps a request nobody reads any more (the command stopped) from surfacing
        // later as an unobserved exception.
        _ = task.ContinueWith(t => window.Answered(t.Exception?.GetBaseException()), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <summary>Starts a request that returns nothing.</summary>
    public Task Start(WorkItem item, Func<CancellationToken, Task> request) => Start(item, async ct =>
    {
        await request(ct).ConfigureAwait(false);
        return true;
    });

    /// <summary>Takes the next task of the input, after waiting while its server's window is full.</summary>
    public void Add(WorkItem item) => Guard(() =>
    {
        var window = Window(item.Connection);
        while (window.Held >= window.Width) Pump(block: true);
        window.Held++;
        _queue.Add(item);
        Pump(block: false);
    });

    /// <summary>Runs every task taken to its end and writes it (end of input, or before something is written out of band).</summary>
    public void Drain() => Guard(() =>
    {
        while (_queue.Count > 0) Pump(block: true);
    });

    /// <summary>Cancels every request in flight (the command is ending early).</summary>
    public void Cancel() => _cancel.Cancel();

    private void Guard(Action work)
    {
        try
        {
            work();
        }
        catch (OperationCanceledException) when (_cmdlet.StopToken.IsCancellationRequested)
        {
            _cancel.Cancel();
            throw new PipelineStoppedException();
        }
        catch
        {
            // A terminating error, Ctrl+C at a question: nothing after it will be written, so nothing goes on.
            _cancel.Cancel();
            throw;
        }
    }

    private ServerWindow Window(VcfConnection connection)
    {
        if (!_windows.TryGetValue(connection, out var window))
        {
            window = new ServerWindow(_throttleLimit);
            _windows.Add(connection, window);
        }
        return window;
    }

    private void Pump(bool block)
    {
        bool progressed = false;
        while (Advance()) progressed = true;
        if (progressed || !block || _queue.Count == 0) return;
        var inFlight = _queue.Where(i => !i.Done && i.Current?.Request is { IsCompleted: false }).Select(i => i.Current!.Value.Request!).ToList();
        if (inFlight.Count == 0) return;
        _cmdlet.Run(async ct =>
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            await Task.WhenAny(inFlight.Append(Task.Delay(Timeout.Infinite, stop.Token))).ConfigureAwait(false);
            stop.Cancel();
            return true;
        });
        if (_cmdlet.StopToken.IsCancellationRequested) throw new PipelineStoppedException();
    }

    // Runs every step that may run now, in input order, then writes the items at the head that are done.
    private bool Advance()
    {
        bool progressed = false;
        bool turn = true;
        for (int i = 0; i < _queue.Count; i++)
        {
            var item = _queue[i];
            bool itsTurn = turn && (!TurnsAfterOutput || i == 0);
            while (!item.Done && (item.Current is not { } step || step.Ready(itsTurn)))
            {
                if (item.Current is { Request: null }) item.PastTurn = true;
                progressed = true;
                if (item.Steps.MoveNext()) item.Current = item.Steps.Current;
                else item.Done = item.PastTurn = true;
            }
            turn &= item.PastTurn;
        }
        while (_queue.Count > 0)
        {
            var head = _queue[0];
            head.Flush();
            if (!head.Done) break;
            _queue.RemoveAt(0);
            Window(head.Connection).Held--;
            progressed = true;
        }
        foreach (var pair in _windows)
        {
            if (pair.Value.TakeNarrowing() is { } width)
                _cmdlet.WriteVerbose($"{pair.Key.Server} answered 429 or 503: at most {width} of its task(s) at once from now on.");
        }
        return progressed;
    }

    /// <summary>The tasks of one server that may be held at once; halved by an overload answer, down to 1.</summary>
    private sealed class ServerWindow
    {
        private int _width;
        private int _narrowed;

        private int _open;

        public ServerWindow(int width) => _width = width;

        /// <summary>1 until a request of this server was answered (or failed on its own), then the width.</summary>
        public int Width => Volatile.Read(ref _open) == 1 ? Volatile.Read(ref _width) : 1;

        /// <summary>A request of this server ended: any answer but one that stops the command opens the window.</summary>
        public void Answered(Exception? failure)
        {
            if (failure is null || failure is VcfException e && !ErrorRecords.StopsTheCommand(e.Kind)) Volatile.Write(ref _open, 1);
        }

        public int Held { get; set; }

        /// <summary>Told of each answer of this server that says it is overloaded (429, 503; any thread).</summary>
        public void Overloaded(int status)
        {
            while (true)
            {
                int width = Volatile.Read(ref _width);
                if (Interlocked.CompareExchange(ref _width, Math.Max(1, width / 2), width) == width) break;
            }
            Interlocked.Exchange(ref _narrowed, 1);
        }

        /// <summary>The new width once after it narrowed, else null.</summary>
        public int? TakeNarrowing() => Interlocked.Exchange(ref _narrowed, 0) == 1 ? Width : null;
    }
}

using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;

namespace VcfTasks.Commands;

/// <summary>
/// One task's work in an <see cref="OrderedWork"/>: its steps run on the pipeline thread (reading results, asking
/// ShouldProcess, deciding), and between them it waits for a request that runs on its own. What it writes is held
/// until every item before it is written, so output and errors come in input order.
/// </summary>
internal sealed class WorkItem
{
    private readonly List<Action> _output = new();

    /// <param name="connection">The server whose window the item's requests count against.</param>
    /// <param name="steps">The work, written as an iterator that yields what to wait for (<see cref="WorkStep"/>).</param>
    public WorkItem(VcfConnection connection, Func<WorkItem, IEnumerable<WorkStep>> steps)
    {
        Connection = connection;
        Steps = steps(this).GetEnumerator();
    }

    /// <summary>The server the item works on.</summary>
    public VcfConnection Connection { get; }

    internal IEnumerator<WorkStep> Steps { get; }

    /// <summary>What the item waits for now: a request, or its turn (<see cref="WorkStep.InOrder"/>); null before it starts.</summary>
    internal WorkStep? Current { get; set; }

    /// <summary>The item has passed its in-order step (or finished): items after it may take their turn.</summary>
    internal bool PastTurn { get; set; }

    /// <summary>No step is left.</summary>
    internal bool Done { get; set; }

    /// <summary>Holds a write (object, error, verbose line) until the item's output is due.</summary>
    public void Emit(Action write) => _output.Add(write);

    /// <summary>Writes what is held; called on the pipeline thread when every earlier item is written.</summary>
    internal void Flush()
    {
        // A write may throw (a terminating error): the ones before it stay written, never twice.
        while (_output.Count > 0)
        {
            var write = _output[0];
            _output.RemoveAt(0);
            write();
        }
    }

    /// <summary>
    /// The failure of a finished request: null when it succeeded, the core's error when it failed; anything else
    /// (a bug, a stop) is thrown as it was, to end the command.
    /// </summary>
    public static VcfException? Failure(Task request)
    {
        if (request.IsCanceled) throw new OperationCanceledException();
        if (!request.IsFaulted) return null;
        var e = request.Exception!.GetBaseException();
        if (e is VcfException vcf) return vcf;
        ExceptionDispatchInfo.Capture(e).Throw();
        return null;
    }
}

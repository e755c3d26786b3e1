using System;
using System.Threading;

namespace VcfTasks;

/// <summary>
/// Tells whoever started a request that an answer said the server is overloaded (429, 503: see
/// <see cref="Core.Http.TransientStatus.SaysOverloaded"/>), so work sent side by side (a listing's pages, the tasks of
/// one server) can narrow that server's window. Like <see cref="VcfLog"/> it flows with the
/// async call: the caller sets a listener around starting the request, and every attempt of that request reports.
/// </summary>
public static class TransientStatusWatch
{
    private static readonly AsyncLocal<Action<int>?> Current = new();

    /// <summary>Makes <paramref name="listener"/> hear the transient statuses of requests started until the result is disposed.</summary>
    public static IDisposable Use(Action<int> listener)
    {
        var previous = Current.Value;
        Current.Value = listener;
        return new Restore(previous);
    }

    /// <summary>Called for every answer on the wire; tells the listener of one that says the server is overloaded.</summary>
    internal static void Saw(int status)
    {
        if (Core.Http.TransientStatus.SaysOverloaded(status)) Current.Value?.Invoke(status);
    }

    private sealed class Restore : IDisposable
    {
        private readonly Action<int>? _previous;
        public Restore(Action<int>? previous) => _previous = previous;
        public void Dispose() => Current.Value = _previous;
    }
}

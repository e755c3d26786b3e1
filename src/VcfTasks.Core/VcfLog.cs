using System;
using System.Threading;

namespace VcfTasks;

/// <summary>How loud a core message is; the cmdlets map these to Write-Verbose, Write-Debug and Write-Warning.</summary>
public enum VcfLogLevel
{
    /// <summary>What a user may want to see: each request with its status and time.</summary>
    Verbose,
    /// <summary>More detail for troubleshooting.</summary>
    Debug,
    /// <summary>Something the user should know although the command goes on.</summary>
    Warning,
}

/// <summary>Receives the core's messages. Called from any thread: implementations queue, never write to a host directly.</summary>
public interface IVcfLogSink
{
    /// <summary>Takes one message. It never holds a secret: the core redacts before it logs.</summary>
    void Log(VcfLogLevel level, string message);
}

/// <summary>
/// The log sink of the current logical operation. A cmdlet sets it before it calls the core; it flows with
/// async calls, so a connection shared by several commands logs to whichever command is using it.
/// </summary>
public static class VcfLog
{
    private static readonly AsyncLocal<IVcfLogSink?> Current = new();

    /// <summary>Makes <paramref name="sink"/> the sink for this logical flow until the result is disposed.</summary>
    public static IDisposable Use(IVcfLogSink sink)
    {
        var previous = Current.Value;
        Current.Value = sink;
        return new Restore(previous);
    }

    internal static void Write(VcfLogLevel level, string message) => Current.Value?.Log(level, message);

    internal static bool Enabled => Current.Value is not null;

    private sealed class Restore : IDisposable
    {
        private readonly IVcfLogSink? _previous;
        public Restore(IVcfLogSink? previous) => _previous = previous;
        public void Dispose() => Current.Value = _previous;
    }
}

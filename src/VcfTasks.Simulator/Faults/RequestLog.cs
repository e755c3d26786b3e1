namespace VcfTasks.Simulator.Faults;

/// <summary>One request as /_sim/requests shows it. No headers and no bodies, so no secret can end up here.</summary>
internal sealed record RequestRecord(long Seq, string Time, string Method, string Path, string Query, int Status, string? Fault);

/// <summary>The requests that reached the simulator (control calls excepted), in arrival order.</summary>
internal sealed class RequestLog
{
    private static readonly string[] SecretWords = ["token", "password", "key", "secret"];
    private readonly object _gate = new();
    private readonly List<RequestRecord> _records = [];
    private long _seq;

    /// <summary>Reserves the next sequence number when a request arrives, so the log keeps arrival order.</summary>
    public long NextSeq() => Interlocked.Increment(ref _seq);

    public void Add(RequestRecord record)
    {
        lock (_gate)
        {
            var i = _records.FindLastIndex(r => r.Seq < record.Seq);
            _records.Insert(i + 1, record);
        }
    }

    public IReadOnlyList<RequestRecord> Snapshot()
    {
        lock (_gate)
        {
            return [.. _records];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _records.Clear();
        }
    }

    /// <summary>The query string with the value of any parameter whose name suggests a secret replaced.</summary>
    public static string Redact(IQueryCollection query)
    {
        if (query.Count == 0)
        {
            return "";
        }

        var parts = query.SelectMany(p => p.Value.Select(v =>
            Uri.EscapeDataString(p.Key) + "=" +
            (SecretWords.Any(w => p.Key.Contains(w, StringComparison.OrdinalIgnoreCase)) ? "REDACTED" : Uri.EscapeDataString(v ?? ""))));
        return "?" + string.Join("&", parts);
    }
}

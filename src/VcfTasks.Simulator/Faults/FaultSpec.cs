namespace VcfTasks.Simulator.Faults;

/// <summary>
/// A fault queued through POST /_sim/faults: which requests it hits (method and path, a path
/// ending in '*' being a prefix), how many of them, and what happens to them.
/// </summary>
internal sealed class FaultSpec
{
    public static readonly string[] Kinds =
        ["status", "delay", "hang", "reset", "resetAfterProcessing", "resetMidBody", "truncate", "html", "expireTokens"];

    public string? Id { get; set; }
    public string Method { get; set; } = "*";
    public string Path { get; set; } = "*";
    public int Count { get; set; } = 1;
    public string Kind { get; set; } = "";

    /// <summary>For kind "status": the status code (default 503).</summary>
    public int? Status { get; set; }

    /// <summary>For kind "status": extra response headers, e.g. {"Retry-After":"2"}.</summary>
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>For kind "status": the body; by default an Error JSON.</summary>
    public string? Body { get; set; }

    /// <summary>For kind "status" with a body: its content type (default application/json).</summary>
    public string? ContentType { get; set; }

    /// <summary>For kind "delay": milliseconds to wait before normal processing.</summary>
    public int? DelayMs { get; set; }

    /// <summary>Null when the spec is usable, else what is wrong with it.</summary>
    public string? Problem() =>
        !Kinds.Contains(Kind) ? $"kind must be one of {string.Join(", ", Kinds)}"
        : Count < 1 ? "count must be at least 1"
        : string.IsNullOrWhiteSpace(Method) || string.IsNullOrWhiteSpace(Path) ? "method and path are required"
        : Kind == "status" && Status is { } s && (s < 100 || s > 599) ? "status must be an HTTP status code"
        : Kind == "delay" && DelayMs is null or < 0 ? "delay needs delayMs, 0 or more"
        : null;

    /// <summary>True when this fault applies to a request with that method and path.</summary>
    public bool Matches(string method, string path)
    {
        var methodOk = Method == "*" || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase);
        var pathOk = Path.EndsWith('*')
            ? path.StartsWith(Path[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(Path, path, StringComparison.OrdinalIgnoreCase);
        return methodOk && pathOk;
    }
}

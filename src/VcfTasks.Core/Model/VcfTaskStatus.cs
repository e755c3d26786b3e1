using System;

namespace VcfTasks;

/// <summary>
/// A status as the API sent it (<see cref="Raw"/>) and as one normalised <see cref="State"/>.
/// It compares equal to every spelling of its state, so <c>Where-Object Status -eq 'In Progress'</c>,
/// <c>-eq IN_PROGRESS</c> and <c>-eq InProgress</c> all match a task the server called <c>"In Progress"</c>.
/// </summary>
public sealed class VcfTaskStatus : IEquatable<VcfTaskStatus>, IComparable, IComparable<VcfTaskStatus>
{
    /// <summary>Creates a status from the text the API sent.</summary>
    public VcfTaskStatus(string? raw)
    {
        Raw = raw ?? string.Empty;
        State = ParseState(Raw);
    }

    // Statuses are immutable and a server uses a dozen spellings: share one object per spelling, so a listing of
    // 10,000 tasks does not allocate one per task, subtask and stage. Bounded, in case a server sends nonsense.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, VcfTaskStatus> Shared = new(StringComparer.Ordinal);
    private const int MaxShared = 256;

    /// <summary>The status for <paramref name="raw"/>, shared with every other status of the same spelling.</summary>
    public static VcfTaskStatus FromRaw(string? raw)
    {
        raw ??= string.Empty;
        if (Shared.TryGetValue(raw, out var known)) return known;
        var status = new VcfTaskStatus(raw);
        if (Shared.Count < MaxShared) Shared.TryAdd(raw, status);
        return status;
    }

    /// <summary>The text exactly as the server sent it.</summary>
    public string Raw { get; }

    /// <summary>The normalised state.</summary>
    public VcfTaskState State { get; }

    /// <summary>True for SUCCESSFUL, FAILED, CANCELLED, COMPLETED_WITH_WARNING, SKIPPED, USER_CANCELLED, INCONSISTENT.</summary>
    public bool IsTerminal => IsTerminalState(State);

    /// <summary>The API's canonical upper-case spelling (for query strings), or the raw text when unknown.</summary>
    public string ApiValue => ToApiValue(State) ?? Raw;

    /// <summary>Whether a state is final (a task in it will not change again on its own).</summary>
    public static bool IsTerminalState(VcfTaskState state) => state switch
    {
        VcfTaskState.Successful or VcfTaskState.Failed or VcfTaskState.Cancelled or
        VcfTaskState.CompletedWithWarning or VcfTaskState.Skipped or
        VcfTaskState.UserCancelled or VcfTaskState.Inconsistent => true,
        _ => false,
    };

    /// <summary>Reads any spelling: case, spaces and underscores do not matter ("In Progress", "IN_PROGRESS", "inprogress").</summary>
    public static VcfTaskState ParseState(string? text)
    {
        if (string.IsNullOrEmpty(text)) return VcfTaskState.Unknown;
        Span<char> buffer = stackalloc char[32];
        int n = 0;
        foreach (char c in text!)
        {
            if (c == ' ' || c == '_' || c == '-') continue;
            if (n == buffer.Length) return VcfTaskState.Unknown;
            buffer[n++] = char.ToUpperInvariant(c);
        }
        return buffer.Slice(0, n).ToString() switch
        {
            "PENDING" => VcfTaskState.Pending,
            "INPROGRESS" => VcfTaskState.InProgress,
            "SUCCESSFUL" => VcfTaskState.Successful,
            "FAILED" => VcfTaskState.Failed,
            "CANCELLED" or "CANCELED" => VcfTaskState.Cancelled,
            "COMPLETEDWITHWARNING" => VcfTaskState.CompletedWithWarning,
            "SKIPPED" => VcfTaskState.Skipped,
            "NOTAPPLICABLE" => VcfTaskState.NotApplicable,
            "USERCANCELLED" => VcfTaskState.UserCancelled,
            "INCONSISTENT" => VcfTaskState.Inconsistent,
            _ => VcfTaskState.Unknown,
        };
    }

    /// <summary>The API's upper-case spelling of a state, or null for <see cref="VcfTaskState.Unknown"/>.</summary>
    public static string? ToApiValue(VcfTaskState state) => state switch
    {
        VcfTaskState.Pending => "PENDING",
        VcfTaskState.InProgress => "IN_PROGRESS",
        VcfTaskState.Successful => "SUCCESSFUL",
        VcfTaskState.Failed => "FAILED",
        VcfTaskState.Cancelled => "CANCELLED",
        VcfTaskState.CompletedWithWarning => "COMPLETED_WITH_WARNING",
        VcfTaskState.Skipped => "SKIPPED",
        VcfTaskState.NotApplicable => "NOT_APPLICABLE",
        VcfTaskState.UserCancelled => "USER_CANCELLED",
        VcfTaskState.Inconsistent => "INCONSISTENT",
        _ => null,
    };

    /// <summary>PowerShell converts strings to this type through this method (e.g. in <c>-eq</c>).</summary>
    public static VcfTaskStatus Parse(string text) => new(text);

    /// <inheritdoc />
    public bool Equals(VcfTaskStatus? other)
    {
        if (other is null) return false;
        if (State == VcfTaskState.Unknown || other.State == VcfTaskState.Unknown)
            return State == other.State && string.Equals(Raw, other.Raw, StringComparison.OrdinalIgnoreCase);
        return State == other.State;
    }

    /// <summary>Equal to another status, a <see cref="VcfTaskState"/>, or any string spelling of the same state.</summary>
    public override bool Equals(object? obj) => obj switch
    {
        VcfTaskStatus s => Equals(s),
        VcfTaskState st => State == st && st != VcfTaskState.Unknown,
        string text => Equals(new VcfTaskStatus(text)),
        _ => false,
    };

    /// <inheritdoc />
    public override int GetHashCode() => State == VcfTaskState.Unknown
        ? StringComparer.OrdinalIgnoreCase.GetHashCode(Raw)
        : (int)State;

    /// <summary>
    /// Orders by state; two spellings of one state are the same (0), so Sort-Object -Unique, Group-Object and
    /// Select-Object -Unique agree with <see cref="Equals(VcfTaskStatus)"/>. Unknown values order before known ones,
    /// by their text without regard to case.
    /// </summary>
    public int CompareTo(object? obj)
    {
        var other = obj switch
        {
            VcfTaskStatus s => s,
            string text => FromRaw(text),
            VcfTaskState st => new VcfTaskStatus(ToApiValue(st)),
            _ => null,
        };
        if (other is null) return 1;
        int c = State.CompareTo(other.State);
        if (c != 0 || State != VcfTaskState.Unknown) return c;
        return StringComparer.OrdinalIgnoreCase.Compare(Raw, other.Raw);
    }

    /// <summary>Orders two statuses as <see cref="CompareTo(object)"/> does.</summary>
    public int CompareTo(VcfTaskStatus? other) => CompareTo((object?)other);

    /// <summary>The normalised state, so a status converts to <see cref="VcfTaskState"/> (e.g. in <c>-in</c> with states).</summary>
    public static implicit operator VcfTaskState(VcfTaskStatus status) => status?.State ?? VcfTaskState.Unknown;

    /// <summary>The normalised state's name (e.g. <c>InProgress</c>), or the raw text when unknown.</summary>
    public override string ToString() => State == VcfTaskState.Unknown ? Raw : State.ToString();

    /// <summary>Lets C# and PowerShell treat a string as a status.</summary>
    public static implicit operator VcfTaskStatus(string text) => new(text);

    /// <summary>Compares two statuses by state.</summary>
    public static bool operator ==(VcfTaskStatus? a, VcfTaskStatus? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Compares two statuses by state.</summary>
    public static bool operator !=(VcfTaskStatus? a, VcfTaskStatus? b) => !(a == b);
}

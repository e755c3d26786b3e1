using System;
using System.Globalization;

namespace VcfTasks;

/// <summary>
/// A task's time as PowerShell shows it (VcfTasks.Types.ps1xml): it writes itself as ISO-8601 UTC
/// (<c>2026-11-30T18:31:38.5Z</c>), so Export-Csv, Export-Clixml and the format views all give the same text with
/// its zone, and it compares, sorts and converts like the <see cref="DateTimeOffset"/> it holds, so
/// <c>Where-Object CreationTimestamp -gt (Get-Date).AddDays(-1)</c> and <c>Sort-Object CreationTimestamp</c> work.
/// </summary>
public sealed class VcfTimestamp : IComparable, IComparable<VcfTimestamp>, IEquatable<VcfTimestamp>, IFormattable
{
    /// <summary>The moment, in UTC.</summary>
    public VcfTimestamp(DateTimeOffset value) => Value = value.ToUniversalTime();

    /// <summary>The moment, in UTC.</summary>
    public DateTimeOffset Value { get; }

    /// <summary>The moment as a UTC <see cref="DateTime"/>.</summary>
    public DateTime UtcDateTime => Value.UtcDateTime;

    /// <summary>The moment in this computer's time zone.</summary>
    public DateTime LocalDateTime => Value.LocalDateTime;

    // What scripts most often ask of a DateTimeOffset, so a script written against one keeps working.

    /// <summary>The date part in UTC (time 00:00), as <see cref="DateTimeOffset.Date"/> of the UTC moment.</summary>
    public DateTime Date => Value.Date;

    /// <summary>The UTC clock time, as <see cref="DateTimeOffset.DateTime"/> of the UTC moment (Kind Unspecified).</summary>
    public DateTime DateTime => Value.DateTime;

    /// <summary>The offset: always zero (UTC).</summary>
    public TimeSpan Offset => Value.Offset;

    /// <summary>The year (UTC).</summary>
    public int Year => Value.Year;

    /// <summary>The month (UTC).</summary>
    public int Month => Value.Month;

    /// <summary>The day of the month (UTC).</summary>
    public int Day => Value.Day;

    /// <summary>The hour (UTC).</summary>
    public int Hour => Value.Hour;

    /// <summary>The minute.</summary>
    public int Minute => Value.Minute;

    /// <summary>The second.</summary>
    public int Second => Value.Second;

    /// <summary>The millisecond.</summary>
    public int Millisecond => Value.Millisecond;

    /// <summary>The day of the week (UTC).</summary>
    public DayOfWeek DayOfWeek => Value.DayOfWeek;

    /// <summary>Milliseconds since 1970-01-01T00:00:00Z.</summary>
    public long ToUnixTimeMilliseconds() => Value.ToUnixTimeMilliseconds();

    /// <summary>Seconds since 1970-01-01T00:00:00Z.</summary>
    public long ToUnixTimeSeconds() => Value.ToUnixTimeSeconds();

    /// <summary>The moment in this computer's time zone, with its offset.</summary>
    public DateTimeOffset ToLocalTime() => Value.ToLocalTime();

    /// <summary>The moment in UTC.</summary>
    public DateTimeOffset ToUniversalTime() => Value;

    /// <summary>The moment plus <paramref name="value"/> days.</summary>
    public DateTimeOffset AddDays(double value) => Value.AddDays(value);

    /// <summary>The moment plus <paramref name="value"/> hours.</summary>
    public DateTimeOffset AddHours(double value) => Value.AddHours(value);

    /// <summary>The moment plus <paramref name="value"/> minutes.</summary>
    public DateTimeOffset AddMinutes(double value) => Value.AddMinutes(value);

    /// <summary>The moment plus <paramref name="value"/> seconds.</summary>
    public DateTimeOffset AddSeconds(double value) => Value.AddSeconds(value);

    /// <summary>The time from <paramref name="b"/> to <paramref name="a"/> (e.g. completion minus creation).</summary>
    public static TimeSpan operator -(VcfTimestamp a, VcfTimestamp b) => a.Value - b.Value;

    /// <summary>A timestamp for <paramref name="value"/>, or null.</summary>
    public static VcfTimestamp? From(DateTimeOffset? value) => value is { } v ? new VcfTimestamp(v) : null;

    /// <summary>
    /// ISO-8601 in UTC with milliseconds, as SDDC Manager writes its times: always 24 characters, so a column of times
    /// lines up and fits the table view.
    /// </summary>
    public override string ToString() => Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>With a format, as <see cref="DateTimeOffset.ToString(string, IFormatProvider)"/> of the UTC moment; without, ISO-8601.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        string.IsNullOrEmpty(format) ? ToString() : Value.ToString(format, formatProvider);

    /// <summary>Orders by the moment; compares with timestamps, <see cref="DateTimeOffset"/>, <see cref="DateTime"/> and text.</summary>
    public int CompareTo(object? obj) => obj is null ? 1 : Value.CompareTo(ToOffset(obj));

    /// <inheritdoc />
    public int CompareTo(VcfTimestamp? other) => other is null ? 1 : Value.CompareTo(other.Value);

    /// <inheritdoc />
    public bool Equals(VcfTimestamp? other) => other is not null && Value.Equals(other.Value);

    /// <summary>Equal to a timestamp, <see cref="DateTimeOffset"/>, <see cref="DateTime"/> or text for the same moment.</summary>
    public override bool Equals(object? obj) => obj switch
    {
        null => false,
        VcfTimestamp t => Equals(t),
        DateTimeOffset or System.DateTime or string => TryOffset(obj, out var d) && Value.Equals(d),
        _ => false,
    };

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>The moment with its offset (UTC).</summary>
    public static implicit operator DateTimeOffset(VcfTimestamp t) => t.Value;

    /// <summary>The moment in local time (Kind Local), so it compares right with <c>Get-Date</c>.</summary>
    public static implicit operator DateTime(VcfTimestamp t) => t.Value.LocalDateTime;

    /// <summary>
    /// Reads a date typed as text, as <see cref="DateTimeOffset"/> does (a time without a zone is local time), so
    /// PowerShell can convert text to a timestamp: <c>Where-Object CreationTimestamp -gt '2026-11-01'</c>.
    /// </summary>
    public static VcfTimestamp Parse(string text) => new(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture));

    /// <summary>A timestamp for a <see cref="DateTimeOffset"/>.</summary>
    public static implicit operator VcfTimestamp(DateTimeOffset d) => new(d);

    /// <summary>A timestamp for a <see cref="DateTime"/> (Unspecified counts as local, as in PowerShell).</summary>
    public static implicit operator VcfTimestamp(DateTime d) => new(new DateTimeOffset(d));

    private static DateTimeOffset ToOffset(object obj) => TryOffset(obj, out var d)
        ? d
        : throw new ArgumentException($"Cannot compare a timestamp with {obj.GetType().Name} '{obj}'.", nameof(obj));

    private static bool TryOffset(object obj, out DateTimeOffset value)
    {
        switch (obj)
        {
            case VcfTimestamp t: value = t.Value; return true;
            case DateTimeOffset d: value = d; return true;
            case System.DateTime dt: value = new DateTimeOffset(dt); return true;
            case string s: return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
            default: value = default; return false;
        }
    }
}

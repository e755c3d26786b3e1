using System.Globalization;

namespace VcfTasks.Simulator.Model;

/// <summary>Status spelling and timestamp formatting shared by the generator, the store and the filters.</summary>
internal static class Statuses
{
    public const string Pending = "PENDING";
    public const string InProgress = "IN_PROGRESS";
    public const string Successful = "SUCCESSFUL";
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";
    public const string CompletedWithWarning = "COMPLETED_WITH_WARNING";
    public const string Skipped = "SKIPPED";
    public const string NotApplicable = "NOT_APPLICABLE";

    /// <summary>Real servers send both "In Progress" and "IN_PROGRESS"; filters compare this form.</summary>
    public static string Normalize(string? status) =>
        (status ?? "").Trim().ToUpperInvariant().Replace(' ', '_');

    /// <summary>The title-case spelling some SDDC Manager versions use for task-level statuses.</summary>
    public static string TitleCase(string normalized) => normalized switch
    {
        Pending => "Pending",
        InProgress => "In Progress",
        Successful => "Successful",
        Failed => "Failed",
        Cancelled => "Cancelled",
        _ => normalized,
    };

    /// <summary>ISO-8601 UTC with milliseconds, the form of every SDDC Manager timestamp.</summary>
    public static string Format(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Lenient parse: a missing or garbage timestamp is null, never an exception.</summary>
    public static DateTimeOffset? Parse(string? s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime()
            : null;
}

using System;
using System.Globalization;

namespace VcfTasks;

/// <summary>
/// The short forms the task table view (VcfTasks.Format.ps1xml) writes, so that it fits 80 columns with 15
/// characters of every name: status in at most 10 characters, times to the minute with their zone, and how long a
/// task took instead of a second time. The list view and the objects keep everything.
/// </summary>
public static class TaskTable
{
    /// <summary>ISO-8601 to the minute with the zone, in this computer's time zone: <c>2026-11-30T10:17-08:00</c> (22 characters).</summary>
    public static string Time(DateTime? value) =>
        value is { } t ? t.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>ISO-8601 with milliseconds and the zone, in this computer's time zone: <c>2026-11-30T10:17:19.330-08:00</c>.</summary>
    public static string FullTime(DateTime? value) =>
        value is { } t ? t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>
    /// The status in at most 10 characters: the state's name, with CompletedWithWarning as <c>Warning</c>,
    /// NotApplicable as <c>N/A</c> and UserCancelled as <c>Cancelled</c>; an unknown status as the server sent it.
    /// </summary>
    public static string Status(VcfTask task) => task.StatusInfo.State switch
    {
        VcfTaskState.CompletedWithWarning => "Warning",
        VcfTaskState.NotApplicable => "N/A",
        VcfTaskState.UserCancelled => "Cancelled",
        _ => task.StatusInfo.ToString(),
    };

    /// <summary>
    /// How long a finished task took, in at most 6 characters (<c>45s</c>, <c>12m03s</c>, <c>5h07m</c>, <c>3d04h</c>,
    /// <c>120d</c>); empty while it runs or when a time is missing.
    /// </summary>
    public static string Took(VcfTask task)
    {
        if (task.CreationTimestamp is not { } created || task.CompletionTimestamp is not { } completed || completed < created)
        {
            return string.Empty;
        }
        var took = completed - created;
        var c = CultureInfo.InvariantCulture;
        if (took.TotalMinutes < 1)
        {
            return string.Format(c, "{0}s", took.Seconds);
        }
        if (took.TotalHours < 1)
        {
            return string.Format(c, "{0}m{1:00}s", took.Minutes, took.Seconds);
        }
        if (took.TotalDays < 1)
        {
            return string.Format(c, "{0}h{1:00}m", took.Hours, took.Minutes);
        }
        return took.TotalDays < 100 ? string.Format(c, "{0}d{1:00}h", took.Days, took.Hours) : string.Format(c, "{0}d", took.Days);
    }
}

namespace VcfTasks.Core.Http;

/// <summary>
/// The one place that says what an HTTP status means for trying again: the retry policy asks whether a safe
/// request may be sent again, and a listing asks whether the server said it is overloaded (so it holds fewer
/// pages in flight). No other code keeps a list of statuses.
/// </summary>
internal static class TransientStatus
{
    /// <summary>408, 429, 500, 502, 503, 504: a safe request may be sent again and may then succeed.</summary>
    public static bool IsTransient(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>
    /// 429 and 503: the server says it has too much to do (not that it broke), so a client sending several
    /// requests at once should send fewer. Every such status is also transient.
    /// </summary>
    public static bool SaysOverloaded(int status) => status is 429 or 503;
}

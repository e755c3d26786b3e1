using System;
using System.Net.Http.Headers;
using System.Threading;

namespace VcfTasks.Core.Http;

/// <summary>
/// When to send a safe request again, and after how long: on a transient status (<see cref="TransientStatus"/>
/// says which) and on connection failures; at most <see cref="MaxAttempts"/> attempts; jittered exponential backoff, or the server's
/// <c>Retry-After</c> (seconds or HTTP-date); never past the time left; and only while the connection's
/// <see cref="RetryBudget"/> lasts, so an outage does not multiply the load. Unsafe verbs never come here.
/// </summary>
internal sealed class RetryPolicy
{
    private readonly Func<double> _random;

    public RetryPolicy(RetryBudget budget, Func<double>? random = null)
    {
        Budget = budget;
        _random = random ?? ThreadSafeRandom.NextDouble;
    }

    public int MaxAttempts { get; set; } = 4;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
    public RetryBudget Budget { get; }

    /// <summary>
    /// The wait before attempt <paramref name="attempt"/> + 1, or null to stop: attempts used up, the wait
    /// (the server's Retry-After, else backoff) longer than the time left, or the budget spent.
    /// </summary>
    public TimeSpan? NextDelay(int attempt, TimeSpan? retryAfter, TimeSpan timeLeft, out string? why)
    {
        why = null;
        if (attempt >= MaxAttempts)
        {
            why = $"{attempt} attempts made";
            return null;
        }
        var delay = retryAfter ?? Backoff(attempt);
        if (delay >= timeLeft)
        {
            why = retryAfter is null
                ? "no time left to wait"
                : $"the server asked to wait {retryAfter.Value.TotalSeconds:0.#} s, more than the {Math.Max(0, timeLeft.TotalSeconds):0.#} s left";
            return null;
        }
        if (!Budget.TryTake())
        {
            why = "the connection's retry budget is spent (too many failures)";
            return null;
        }
        return delay;
    }

    /// <summary>Half to full of BaseDelay × 2^(attempt-1), capped: spread out so that clients do not retry in step.</summary>
    internal TimeSpan Backoff(int attempt)
    {
        double ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + 0.5 * _random()));
    }

    /// <summary>The server's Retry-After as a wait from <paramref name="now"/>: seconds or an HTTP-date (past → zero); null when absent or unreadable.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var header = headers.RetryAfter;
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date) return date <= now ? TimeSpan.Zero : date - now;
        return null;
    }

    private static class ThreadSafeRandom
    {
        private static readonly ThreadLocal<Random> Local = new(() => new Random(Guid.NewGuid().GetHashCode()));
        public static double NextDouble() => Local.Value!.NextDouble();
    }
}

/// <summary>
/// Retries a connection may still spend: each retry takes one, each success gives a fifth back, up to the
/// capacity. During an outage the budget runs dry and every further request fails after one attempt.
/// </summary>
internal sealed class RetryBudget
{
    private readonly object _gate = new();
    private readonly double _capacity;
    private double _tokens;

    public RetryBudget(double capacity = 10)
    {
        _capacity = capacity;
        _tokens = capacity;
    }

    public bool TryTake()
    {
        lock (_gate)
        {
            if (_tokens < 1) return false;
            _tokens -= 1;
            return true;
        }
    }

    public void OnSuccess()
    {
        lock (_gate) _tokens = Math.Min(_capacity, _tokens + 0.2);
    }
}

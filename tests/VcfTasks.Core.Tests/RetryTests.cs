using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Http;
using VcfTasks.Core.Tests.Support;
using Xunit;

namespace VcfTasks.Core.Tests;

/// <summary>Virtual time: a sleep moves the clock instead of waiting, and is recorded.</summary>
internal sealed class VirtualClock
{
    private readonly object _gate = new();
    private DateTimeOffset _now = new(2026, 11, 28, 3, 0, 0, TimeSpan.Zero);
    public List<TimeSpan> Sleeps { get; } = new();

    public DateTimeOffset Now() { lock (_gate) return _now; }

    public Task Delay(TimeSpan d, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate) { Sleeps.Add(d); _now += d; }
        return Task.CompletedTask;
    }

    public TransportClock ToTransportClock() => new(Now, Delay);
}

public class RetryTests
{
    private static async Task<(VcfConnection Connection, VirtualClock Clock)> OpenAsync(FakeTransport transport, double jitter = 1.0, double timeoutSec = 100)
    {
        var clock = new VirtualClock();
        var options = Connect.Options(transport);
        options.Timeout = TimeSpan.FromSeconds(timeoutSec);
        options.Clock = clock.ToTransportClock();
        options.Random = () => jitter;
        return (await VcfConnection.OpenAsync(options, CancellationToken.None), clock);
    }

    private static HttpResponseMessage WithRetryAfter(HttpResponseMessage response, string value)
    {
        response.Headers.TryAddWithoutValidation("Retry-After", value);
        return response;
    }

    public static IEnumerable<object[]> TransientStatuses => new[] { 408, 429, 500, 502, 503, 504 }.Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(TransientStatuses))]
    public async Task A_GET_is_tried_four_times_on_a_transient_status_then_fails_with_that_status(int status)
    {
        var transport = new FakeTransport(_ => Respond.Error(status, "BUSY", "try later"));
        var (c, _) = await OpenAsync(transport);
        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t1", CancellationToken.None));
        Assert.Equal(VcfErrorKind.ServerError, e.Kind);
        Assert.Equal(status, e.HttpStatus);
        Assert.Equal(4, transport.Count("GET", "/v1/tasks/t1"));
    }

    [Theory]
    [MemberData(nameof(TransientStatuses))]
    public async Task A_PATCH_or_DELETE_is_sent_once_whatever_the_status(int status)
    {
        var transport = new FakeTransport(_ => Respond.Error(status, "BUSY", "try later"));
        var (c, _) = await OpenAsync(transport);
        await Assert.ThrowsAsync<VcfException>(() => c.Tasks.RetryAsync("t1", CancellationToken.None));
        await Assert.ThrowsAsync<VcfException>(() => c.Tasks.CancelAsync("t1", CancellationToken.None));
        Assert.Equal(1, transport.Count("PATCH", "/v1/tasks/t1"));
        Assert.Equal(1, transport.Count("DELETE", "/v1/tasks/t1"));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(501)]
    public async Task A_GET_is_not_retried_on_a_status_that_will_not_change(int status)
    {
        var transport = new FakeTransport(_ => Respond.Error(status, "NO", "no"));
        var (c, _) = await OpenAsync(transport);
        await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t1", CancellationToken.None));
        Assert.Equal(1, transport.Count("GET"));
    }

    [Fact]
    public async Task A_transient_503_is_absorbed_and_the_task_returned()
    {
        int n = 0;
        var transport = new FakeTransport(_ => Interlocked.Increment(ref n) == 1 ? Respond.Error(503, "BUSY", "busy") : Respond.Object(200, Respond.Task("t1")));
        var (c, clock) = await OpenAsync(transport);
        var task = await c.Tasks.GetAsync("t1", CancellationToken.None);
        Assert.Equal("t1", task.Id);
        Assert.Equal(2, transport.Count("GET"));
        Assert.Single(clock.Sleeps);
    }

    [Theory]
    [InlineData(0.0, new[] { 500.0, 1000.0, 2000.0 })]
    [InlineData(1.0, new[] { 1000.0, 2000.0, 4000.0 })]
    public async Task Backoff_doubles_from_one_second_with_jitter_between_half_and_full(double jitter, double[] expectedMs)
    {
        var transport = new FakeTransport(_ => Respond.Error(503, "BUSY", "busy"));
        var (c, clock) = await OpenAsync(transport, jitter);
        await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t1", CancellationToken.None));
        Assert.Equal(expectedMs, clock.Sleeps.Select(s => s.TotalMilliseconds).ToArray());
    }

    [Fact]
    public async Task Retry_After_in_seconds_is_the_wait()
    {
        int n = 0;
        var transport = new FakeTransport(_ => Interlocked.Increment(ref n) == 1 ? WithRetryAfter(Respond.Error(429, "SLOW", "slow down"), "7") : Respond.Object(200, Respond.Task("t1")));
        var (c, clock) = await OpenAsync(transport);
        await c.Tasks.GetAsync("t1", CancellationToken.None);
        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, clock.Sleeps);
    }

    [Fact]
    public async Task Retry_After_as_an_HTTP_date_waits_until_then()
    {
        var clock0 = new VirtualClock();
        var at = clock0.Now().AddSeconds(12).ToString("r");
        int n = 0;
        var transport = new FakeTransport(_ => Interlocked.Increment(ref n) == 1 ? WithRetryAfter(Respond.Error(503, "DOWN", "maintenance"), at) : Respond.Object(200, Respond.Task("t1")));
        var (c, clock) = await OpenAsync(transport);
        await c.Tasks.GetAsync("t1", CancellationToken.None);
        Assert.Equal(new[] { TimeSpan.FromSeconds(12) }, clock.Sleeps);
    }

    [Fact]
    public async Task Retry_After_as_a_past_date_retries_at_once()
    {
        int n = 0;
        var transport = new FakeTransport(_ => Interlocked.Increment(ref n) == 1 ? WithRetryAfter(Respond.Error(503, "DOWN", "x"), "Sun, 06 Nov 1994 08:49:37 GMT") : Respond.Object(200, Respond.Task("t1")));
        var (c, clock) = await OpenAsync(transport);
        await c.Tasks.GetAsync("t1", CancellationToken.None);
        Assert.Equal(new[] { TimeSpan.Zero }, clock.Sleeps);
    }

    [Fact]
    public async Task Retry_After_that_is_garbage_falls_back_to_backoff()
    {
        int n = 0;
        var transport = new FakeTransport(_ => Interlocked.Increment(ref n) == 1 ? WithRetryAfter(Respond.Error(503, "DOWN", "x"), "soon-ish") : Respond.Object(200, Respond.Task("t1")));
        var (c, clock) = await OpenAsync(transport, jitter: 1.0);
        await c.Tasks.GetAsync("t1", CancellationToken.None);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1) }, clock.Sleeps);
    }

    [Fact]
    public async Task Retry_After_longer_than_the_time_left_is_not_waited_for()
    {
        var transport = new FakeTransport(_ => WithRetryAfter(Respond.Error(429, "SLOW", "slow down"), "3600"));
        var sink = new TestLogSink();
        var (c, clock) = await OpenAsync(transport, timeoutSec: 30);
        VcfException e;
        using (VcfLog.Use(sink)) e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t1", CancellationToken.None));
        Assert.Equal(429, e.HttpStatus);
        Assert.Empty(clock.Sleeps);
        Assert.Equal(1, transport.Count("GET"));
        Assert.Contains(sink.At(VcfLogLevel.Verbose), m => m.Contains("asked to wait 3600 s"));
    }

    [Fact]
    public async Task Backoff_stops_when_the_next_wait_would_pass_the_time_limit()
    {
        var transport = new FakeTransport(_ => Respond.Error(503, "BUSY", "busy"));
        var (c, clock) = await OpenAsync(transport, jitter: 1.0, timeoutSec: 5);
        await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t1", CancellationToken.None));
        // 1 s and 2 s fit in 5 s; the next 4 s would not (2 s left).
        Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) }, clock.Sleeps);
        Assert.Equal(3, transport.Count("GET"));
    }

    [Fact]
    public async Task A_retry_cut_off_by_the_time_limit_reports_the_503_before_it_not_a_timeout()
    {
        // 1 s of (virtual) backoff out of 2 s leaves 1 s (real) for the second attempt, which hangs: time enough
        // on a slow machine for it to reach the fake network before the limit, so that it is counted.
        var transport = Hang.AfterFirst(() => Respond.Error(503, "BUSY", "busy"), out _);
        var (c, clock) = await OpenAsync(transport, jitter: 1.0, timeoutSec: 2);
        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t1", CancellationToken.None));
        Assert.Equal(VcfErrorKind.ServerError, e.Kind);
        Assert.Equal(503, e.HttpStatus);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1) }, clock.Sleeps);
        Assert.Equal(2, transport.Count("GET", "/v1/tasks/t1"));
    }

    [Fact]
    public async Task A_retry_cut_off_by_the_time_limit_after_a_reset_reports_the_failed_connection()
    {
        // As above: 1 s of backoff out of 2 s, then 1 s for the hanging second attempt.
        var transport = Hang.AfterFirst(() => throw new HttpRequestException("reset", new IOException("Connection reset by peer")), out _);
        var (c, clock) = await OpenAsync(transport, jitter: 1.0, timeoutSec: 2);
        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t1", CancellationToken.None));
        Assert.Equal(VcfErrorKind.ConnectionFailed, e.Kind);
        Assert.Contains("Connection reset by peer", e.Message);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1) }, clock.Sleeps);
        Assert.Equal(2, transport.Count("GET", "/v1/tasks/t1"));
    }

    [Fact]
    public async Task The_retry_budget_bounds_the_requests_of_an_outage()
    {
        var transport = new FakeTransport(_ => Respond.Error(503, "DOWN", "down"));
        var (c, _) = await OpenAsync(transport);
        for (int i = 0; i < 50; i++)
            await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t" + i, CancellationToken.None));
        // 50 first attempts plus the budget of 10 retries; without a budget it would be 200.
        Assert.Equal(60, transport.Count("GET"));
    }

    [Fact]
    public async Task A_connection_failure_on_GET_is_retried_and_then_named_ConnectionFailed()
    {
        var transport = new FakeTransport((_, _) => throw new HttpRequestException("connection reset by peer", new IOException("reset")));
        var (c, _) = await OpenAsync(transport);
        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t1", CancellationToken.None));
        Assert.Equal(VcfErrorKind.ConnectionFailed, e.Kind);
        Assert.Equal(4, transport.Count("GET"));
    }

    [Fact]
    public async Task A_body_cut_off_mid_page_is_read_again()
    {
        int n = 0;
        var page = "{\"elements\":[{\"id\":\"a\",\"status\":\"FAILED\"},{\"id\":\"b\",\"status\":\"FAILED\"}]}";
        var transport = new FakeTransport(_ =>
        {
            if (Interlocked.Increment(ref n) > 1) return Respond.Json(page);
            var bytes = System.Text.Encoding.UTF8.GetBytes(page);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new ChunkedStream(bytes, int.MaxValue, resetAt: bytes.Length / 2)) };
        });
        var (c, _) = await OpenAsync(transport);
        var all = await Connect.AllAsync(c.Tasks.List(new TaskQuery()));
        Assert.Equal(new[] { "a", "b" }, all.Select(t => t.Id));
        Assert.Equal(2, transport.Count("GET"));
    }

    [Fact]
    public async Task Cancelling_stops_a_backoff_sleep_and_sends_nothing_more()
    {
        var transport = new FakeTransport(_ => Respond.Error(503, "BUSY", "busy"));
        using var cts = new CancellationTokenSource();
        var options = Connect.Options(transport);
        // The backoff sleep is where the caller cancels.
        options.Clock = new TransportClock(() => DateTimeOffset.UtcNow, (d, ct) => { cts.Cancel(); return Task.Delay(d, ct); });
        var c = await VcfConnection.OpenAsync(options, CancellationToken.None);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => c.Tasks.GetAsync("t1", cts.Token));
        Assert.Equal(1, transport.Count("GET"));
    }
}

public class RenewalUnderFaultsTests
{
    [Fact]
    public async Task A_refresh_that_meets_5xx_keeps_the_refresh_token_and_reports_a_server_error_without_logging_in_again()
    {
        int refreshes = 0;
        bool healthy = false;
        var token1 = Jwt.Expiring(DateTimeOffset.UtcNow.AddHours(1), "one");
        var token2 = Jwt.Expiring(DateTimeOffset.UtcNow.AddHours(1), "two");
        var transport = new FakeTransport(r => (r.Method, r.Path) switch
        {
            ("POST", "/v1/tokens") => Respond.TokenPair(token1, Secrets.RefreshId),
            ("PATCH", "/v1/tokens/access-token/refresh") => Interlocked.Increment(ref refreshes) > 0 && healthy
                ? Respond.Json("\"" + token2 + "\"")
                : Respond.Error(503, "BUSY", "busy"),
            _ => r.BearerToken == token2 ? Respond.Object(200, Respond.Task("t1")) : Respond.Error(401, "UNAUTHORIZED", "expired"),
        });
        var clock = new VirtualClock();
        var options = Connect.Options(transport, Secrets.Password());
        options.Clock = clock.ToTransportClock();
        using var c = await VcfConnection.OpenAsync(options, CancellationToken.None);

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t1", CancellationToken.None));
        Assert.Equal(VcfErrorKind.ServerError, e.Kind);
        Assert.Equal(503, e.HttpStatus);
        Assert.Equal(1, transport.Count("POST", "/v1/tokens"));   // no second login over a transient fault

        healthy = true;
        var task = await c.Tasks.GetAsync("t1", CancellationToken.None);
        Assert.Equal("t1", task.Id);
        // The same refresh id was used again once the server recovered.
        Assert.All(transport.Requests.Where(r => r.Path == "/v1/tokens/access-token/refresh"), r => Assert.Equal("\"" + Secrets.RefreshId + "\"", r.Body));
        Assert.Equal(1, transport.Count("POST", "/v1/tokens"));
    }
}

public class CancellationDuringBodyTests
{
    /// <summary>
    /// A body that never arrives and ignores tokens (as .NET Framework's does): only disposing ends a read.
    /// The first read completes <c>reading</c>.
    /// </summary>
    private sealed class StalledStream : Stream
    {
        private readonly TaskCompletionSource<int> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _reading;
        public StalledStream(TaskCompletionSource reading) => _reading = reading;
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) { _reading.TrySetResult(); return _ended.Task; }
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) { _reading.TrySetResult(); return new(_ended.Task); }
        public override int Read(byte[] buffer, int offset, int count) { _reading.TrySetResult(); return _ended.Task.GetAwaiter().GetResult(); }
        protected override void Dispose(bool disposing) { _ended.TrySetException(new ObjectDisposedException(nameof(StalledStream))); base.Dispose(disposing); }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Every answer is 200 with a stalled body; <paramref name="reading"/> completes when a body read has begun.</summary>
    private static FakeTransport Stalling(out Task reading)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        reading = started.Task;
        return new(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StalledStream(started)) });
    }

    [Fact]
    public async Task Stopping_during_a_stalled_body_is_a_cancellation_not_a_timeout_or_a_retry()
    {
        var transport = Stalling(out var reading);
        using var c = await Connect.OpenAsync(transport);
        using var cts = new CancellationTokenSource();
        var call = c.Tasks.GetAsync("t1", cts.Token);
        // Stop once the body read has begun, not after a guessed time.
        await reading.WaitAsync(TimeSpan.FromSeconds(10));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, transport.Count("GET"));
    }

    [Fact]
    public async Task A_stalled_body_ends_at_the_time_limit_with_RequestTimeout()
    {
        // 1 s: ample time on a slow machine for the body read to begin before the limit ends it.
        var transport = Stalling(out var reading);
        var options = Connect.Options(transport);
        options.Timeout = TimeSpan.FromSeconds(1);
        using var c = await VcfConnection.OpenAsync(options, CancellationToken.None);
        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t1", CancellationToken.None));
        Assert.Equal(VcfErrorKind.RequestTimeout, e.Kind);
        Assert.True(reading.IsCompleted, "the time limit should have ended a body read, not the sending");
        Assert.Equal(1, transport.Count("GET"));
    }
}

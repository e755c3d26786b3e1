using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace VcfTasks.Simulator.Tests;

public sealed class FaultTests
{
    private const string SeedFailed = "389c2fb6-3cea-47d7-b830-e701f4cf9aed";

    [Fact]
    public async Task Status_fault_returns_the_status_with_Retry_After_and_an_Error_body_for_count_requests_then_recovers()
    {
        await using var sim = await Sim.StartAsync();
        await sim.LoginAsync();
        await sim.FaultAsync(new { method = "GET", path = "/v1/tasks", count = 2, kind = "status", status = 503, headers = new Dictionary<string, string> { ["Retry-After"] = "2" } });

        for (var i = 0; i < 2; i++)
        {
            using var response = await sim.SendAsync(HttpMethod.Get, "/v1/tasks");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
            SchemaValidator.AssertValid(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement, "Error");
        }

        await sim.GetAsync("/v1/tasks");
    }

    [Fact]
    public async Task Status_fault_can_send_an_HTTP_date_Retry_After_and_a_custom_body()
    {
        await using var sim = await Sim.StartAsync();
        await sim.LoginAsync();
        var when = DateTimeOffset.UtcNow.AddSeconds(5);
        await sim.FaultAsync(new
        {
            method = "*",
            path = "/v1/tasks*",
            kind = "status",
            status = 429,
            headers = new Dictionary<string, string> { ["Retry-After"] = when.ToString("R") },
            body = "{\"errorCode\":\"TOO_MANY\",\"message\":\"slow down {authorization}\"}",
        });

        using var response = await sim.SendAsync(HttpMethod.Get, "/v1/tasks/" + SeedFailed);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(when.ToString("R"), response.Headers.RetryAfter?.Date?.ToString("R"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("TOO_MANY", text);
        Assert.Contains(sim.AccessToken!, text); // the "error body that echoes the token" scenario
    }

    [Fact]
    public async Task Faults_match_method_and_path_prefix_only()
    {
        await using var sim = await Sim.StartAsync();
        await sim.LoginAsync();
        await sim.FaultAsync(new { method = "PATCH", path = "/v1/tasks/*", kind = "status", status = 500 });

        await sim.GetAsync("/v1/tasks");
        await sim.GetAsync("/v1/tasks/" + SeedFailed, "Task");
        using var hit = await sim.SendAsync(HttpMethod.Patch, "/v1/tasks/" + SeedFailed);
        Assert.Equal(HttpStatusCode.InternalServerError, hit.StatusCode);
        Assert.Equal("Failed", (await sim.GetAsync("/v1/tasks/" + SeedFailed, "Task")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Delay_fault_delays_then_answers_normally()
    {
        await using var sim = await Sim.StartAsync();
        await sim.LoginAsync();
        await sim.FaultAsync(new { method = "GET", path = "/v1/tasks", kind = "delay", delayMs = 300 });
        var watch = Stopwatch.StartNew();
        await sim.GetAsync("/v1/tasks");
        Assert.True(watch.ElapsedMilliseconds >= 290, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Hang_fault_never_answers_and_is_logged_as_status_0_when_the_client_gives_up()
    {
        await using var sim = await Sim.StartAsync();
        await sim.LoginAsync();
        await sim.FaultAsync(new { method = "GET", path = "/v1/tasks", kind = "hang" });

        // The client gives up only once the server holds the request under the fault. A timer started
        // before sending could fire before the request even arrived on a slow machine (it did, in CI).
        using var giveUp = new CancellationTokenSource();
        var pending = sim.SendAsync(HttpMethod.Get, "/v1/tasks", ct: giveUp.Token);
        await sim.WaitUntilFaultsTakenAsync(pending);

        // 300 ms in which the simulator must not answer: a slow machine only lengthens the wait, it cannot fail it.
        await Task.WhenAny(pending, Task.Delay(300));
        Assert.False(pending.IsCompleted, "the simulator ended a hung request by itself");
        giveUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        var entry = await WaitForLogEntry(sim, "hang");
        Assert.Equal(0, entry.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Hang_fault_ends_when_the_simulator_stops()
    {
        await using var sim = await Sim.StartAsync();
        await sim.LoginAsync();
        await sim.FaultAsync(new { method = "GET", path = "/v1/tasks", kind = "hang" });
        var pending = sim.SendAsync(HttpMethod.Get, "/v1/tasks");

        // Stop only once the request is hanging: stopping earlier would not exercise the hang at all.
        await sim.WaitUntilFaultsTakenAsync(pending);
        await Task.WhenAny(pending, Task.Delay(300));
        Assert.False(pending.IsCompleted, "the simulator ended a hung request by itself");
        var watch = Stopwatch.StartNew();
        await sim.Instance.DisposeAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => pending);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stop took {watch.Elapsed}");
    }

    [Fact]
    public async Task Reset_fault_aborts_the_connection_before_any_response()
    {
        await using var sim = await Sim.StartAsync();
        await sim.LoginAsync();
        await sim.FaultAsync(new { method = "GET", path = "/v1/tasks", kind = "reset" });
        await Assert.ThrowsAsync<HttpRequestException>(() => sim.SendAsync(HttpMethod.Get, "/v1/tasks"));
        await sim.GetAsync("/v1/tasks");
    }

    [Fact]
    public async Task ResetAfterProcessing_on_a_retry_changes_the_task_but_the_client_sees_no_answer()
    {
        await using var sim = await Sim.StartAsync(o => o.StepMs = 60_000);
        await sim.LoginAsync();
        await sim.FaultAsync(new { method = "PATCH", path = "/v1/tasks/*", kind = "resetAfterProcessing" });
        await Assert.ThrowsAsync<HttpRequestException>(() => sim.SendAsync(HttpMethod.Patch, "/v1/tasks/" + SeedFailed));

        Assert.Equal("IN_PROGRESS", (await sim.GetAsync("/v1/tasks/" + SeedFailed, "Task")).GetProperty("status").GetString());
        var entry = await WaitForLogEntry(sim, "resetAfterProcessing");
        Assert.Equal(0, entry.GetProperty("status").GetInt32());
        Assert.Equal("PATCH", entry.GetProperty("method").GetString());
    }

    [Fact]
    public async Task ResetMidBody_sends_200_headers_and_part_of_the_body_then_aborts()
    {
        await using var sim = await Sim.StartAsync(o => o.TaskCount = 200);
        await sim.LoginAsync();
        await sim.FaultAsync(new { method = "GET", path = "/v1/tasks", kind = "resetMidBody" });

        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tasks");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", sim.AccessToken);
        using var response = await sim.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var announced = response.Content.Headers.ContentLength;
        Assert.NotNull(announced);

        // The simulator writes half the body it announced, then aborts: some bytes arrive, then the read fails.
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[16 * 1024];
        long received = 0;
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            int n;
            while ((n = await body.ReadAsync(buffer)) > 0)
            {
                received += n;
            }
        });
        Assert.InRange(received, 1, announced.Value / 2);
    }

    [Fact]
    public async Task Truncate_sends_200_with_half_the_JSON_in_a_well_formed_response()
    {
        await using var sim = await Sim.StartAsync();
        await sim.LoginAsync();
        using var whole = await sim.SendAsync(HttpMethod.Get, "/v1/tasks");
        var full = await whole.Content.ReadAsByteArrayAsync();
        await sim.FaultAsync(new { method = "GET", path = "/v1/tasks", kind = "truncate" });

        using var response = await sim.SendAsync(HttpMethod.Get, "/v1/tasks");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(full.Length / 2, body.Length);
        Assert.Equal(full.Take(body.Length), body);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Html_fault_sends_200_text_html()
    {
        await using var sim = await Sim.StartAsync();
        await sim.LoginAsync();
        await sim.FaultAsync(new { method = "GET", path = "/v1/tasks", kind = "html" });
        using var response = await sim.SendAsync(HttpMethod.Get, "/v1/tasks");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ExpireTokens_fault_expires_every_token_issued_so_far_before_processing()
    {
        await using var sim = await Sim.StartAsync();
        await sim.LoginAsync();
        await sim.GetAsync("/v1/tasks?pageSize=1&pageNumber=0");
        await sim.FaultAsync(new { method = "GET", path = "/v1/tasks", kind = "expireTokens" });
        var error = await sim.ErrorAsync(HttpMethod.Get, "/v1/tasks?pageSize=1&pageNumber=1", HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Contains("expired", error.GetProperty("message").GetString());

        using var refreshed = await sim.SendAsync(HttpMethod.Patch, "/v1/tokens/access-token/refresh", Sim.Json(sim.RefreshId!), auth: false);
        sim.AccessToken = JsonSerializer.Deserialize<string>(await refreshed.Content.ReadAsStringAsync());
        await sim.GetAsync("/v1/tasks?pageSize=1&pageNumber=1");
    }

    [Fact]
    public async Task Clearing_faults_drops_the_pending_ones()
    {
        await using var sim = await Sim.StartAsync();
        await sim.LoginAsync();
        await sim.FaultAsync(new { method = "*", path = "*", count = 5, kind = "reset" });
        await sim.ControlAsync(HttpMethod.Delete, "/_sim/faults");
        await sim.GetAsync("/v1/tasks");
    }

    [Fact]
    public async Task Control_API_needs_the_key_and_rejects_bad_faults()
    {
        await using var sim = await Sim.StartAsync();
        using (var noKey = await sim.Http.GetAsync("/_sim/requests"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, noKey.StatusCode);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/_sim/faults") { Content = Sim.Json(new { kind = "explode" }) };
        request.Headers.Add("X-Sim-Control-Key", sim.Instance.ControlKey);
        using var bad = await sim.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        using var created = await sim.FaultAsync(new { method = "GET", path = "/v1/tasks", kind = "html" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("fault-", JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Latency_option_delays_v1_requests_then_they_answer_normally()
    {
        await using var sim = await Sim.StartAsync(o => o.LatencyMs = 300);
        var watch = Stopwatch.StartNew();
        await sim.LoginAsync();
        Assert.True(watch.ElapsedMilliseconds >= 290, $"login took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Latency_option_holds_v1_requests_but_not_the_control_API()
    {
        // A latency far beyond the test: a control call held back by it could never return before the
        // client's own 20 s timeout, so no stopwatch (and no busy machine) decides the outcome.
        await using var sim = await Sim.StartAsync(o => o.LatencyMs = (int)TimeSpan.FromMinutes(10).TotalMilliseconds);

        // A zero-delay fault marks the moment the server has taken the login (before it waits out the latency).
        await sim.FaultAsync(new { method = "POST", path = "/v1/tokens", kind = "delay", delayMs = 0 });
        using var giveUp = new CancellationTokenSource();
        var login = sim.SendAsync(HttpMethod.Post, "/v1/tokens",
            Sim.Json(new { username = sim.Instance.Username, password = sim.Instance.Password }), auth: false, ct: giveUp.Token);
        await sim.WaitUntilFaultsTakenAsync(login);

        // Control calls get through while the login is held.
        using (await sim.ControlAsync(HttpMethod.Get, "/_sim/tasks"))
        {
        }

        Assert.False(login.IsCompleted, "the login was answered despite the latency");
        giveUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => login);
    }

    [Fact]
    public async Task Latency_does_not_serialise_concurrent_requests_all_wait_it_out_at_once()
    {
        // A latency far beyond the test: were the requests served one after another, the server could never hold
        // more than one of them in the latency at a time.
        await using var sim = await Sim.StartAsync(o => o.LatencyMs = (int)TimeSpan.FromMinutes(10).TotalMilliseconds);
        sim.AccessToken = "not-needed-the-latency-comes-first";
        using var giveUp = new CancellationTokenSource();
        const int n = 8;
        var requests = Enumerable.Range(0, n).Select(i => sim.SendAsync(HttpMethod.Get, $"/v1/tasks?pageSize=10&pageNumber={i}", ct: giveUp.Token)).ToList();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (sim.Instance.Latency.Waiting < n && DateTime.UtcNow < deadline && !requests.Any(r => r.IsCompleted))
        {
            await Task.Delay(20);
        }

        Assert.Equal(n, sim.Instance.Latency.Waiting);
        Assert.DoesNotContain(requests, r => r.IsCompleted);
        giveUp.Cancel();
        foreach (var r in requests)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => r);
        }
    }

    internal static async Task<JsonElement> WaitForLogEntry(Sim sim, string fault)
    {
        // The log entry is written when the server side finishes, which may be just after the client gave up.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var log = await sim.RequestLogAsync();
            var entry = log.EnumerateArray().FirstOrDefault(e => e.TryGetProperty("fault", out var f) && f.GetString() == fault);
            if (entry.ValueKind == JsonValueKind.Object)
            {
                return entry;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException("no log entry for fault " + fault);
            }

            await Task.Delay(50);
        }
    }
}

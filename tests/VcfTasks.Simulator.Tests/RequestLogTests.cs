using System.Net;
using System.Text.Json;

namespace VcfTasks.Simulator.Tests;

public sealed class RequestLogTests
{
    [Fact]
    public async Task The_log_records_v1_requests_in_order_without_any_secret_and_skips_control_calls()
    {
        await using var sim = await Sim.StartAsync();
        await sim.LoginAsync();
        await sim.GetAsync("/v1/tasks?pageSize=5&taskStatus=FAILED");
        await sim.ErrorAsync(HttpMethod.Get, "/v1/tasks/nope", HttpStatusCode.NotFound, "TA_TASK_NOT_FOUND");
        using (var refresh = await sim.SendAsync(HttpMethod.Patch, "/v1/tokens/access-token/refresh", Sim.Json(sim.RefreshId!), auth: false))
        {
            Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
            sim.AccessToken = JsonSerializer.Deserialize<string>(await refresh.Content.ReadAsStringAsync());
        }

        await sim.FaultAsync(new { method = "GET", path = "/v1/tasks", kind = "status", status = 503 });
        using (await sim.SendAsync(HttpMethod.Get, "/v1/tasks?accessToken=leak"))
        {
        }

        var log = await sim.RequestLogAsync();
        var entries = log.EnumerateArray().ToList();
        Assert.Equal(
            ["POST /v1/tokens 201", "GET /v1/tasks 200", "GET /v1/tasks/nope 404", "PATCH /v1/tokens/access-token/refresh 200", "GET /v1/tasks 503"],
            entries.Select(e => $"{e.GetProperty("method").GetString()} {e.GetProperty("path").GetString()} {e.GetProperty("status").GetInt32()}"));
        Assert.Equal(entries.Select(e => e.GetProperty("seq").GetInt64()).Order(), entries.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal("?pageSize=5&taskStatus=FAILED", entries[1].GetProperty("query").GetString());
        Assert.Equal("?accessToken=REDACTED", entries[4].GetProperty("query").GetString());
        Assert.Equal("status", entries[4].GetProperty("fault").GetString());
        Assert.False(entries[1].TryGetProperty("fault", out _));
        Assert.True(DateTimeOffset.TryParse(entries[0].GetProperty("time").GetString(), out _));

        var raw = log.GetRawText();
        foreach (var secret in new[] { sim.AccessToken!, sim.RefreshId!, sim.Instance.Password, sim.Instance.ApiKey, sim.Instance.ControlKey, "leak" })
        {
            Assert.DoesNotContain(secret, raw);
        }

        await sim.ControlAsync(HttpMethod.Delete, "/_sim/requests");
        Assert.Equal(0, (await sim.RequestLogAsync()).GetArrayLength());
    }
}

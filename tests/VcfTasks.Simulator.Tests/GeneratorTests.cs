using System.Net;
using System.Text.Json;

namespace VcfTasks.Simulator.Tests;

public sealed class GeneratorTests
{
    [Fact]
    public async Task The_same_seed_gives_byte_identical_listings_and_another_seed_does_not()
    {
        async Task<byte[]> Listing(int seed)
        {
            await using var sim = await Sim.StartAsync(o => { o.TaskCount = 300; o.Seed = seed; });
            await sim.LoginAsync();
            using var response = await sim.SendAsync(HttpMethod.Get, "/v1/tasks");
            return await response.Content.ReadAsByteArrayAsync();
        }

        var a = await Listing(7);
        var b = await Listing(7);
        var c = await Listing(8);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public async Task The_seed_tasks_are_present_as_the_product_page_shows_them()
    {
        await using var sim = await Sim.StartAsync(o => o.TaskCount = 10);
        await sim.LoginAsync();
        var all = await sim.AllTasksAsync();
        Assert.Equal(10, all.Count);

        var commissioning = await sim.GetAsync("/v1/tasks/389c2fb6-3cea-47d7-b830-e701f4cf9aed", "Task");
        Assert.Equal("Failed", commissioning.GetProperty("status").GetString());
        Assert.Equal("2019-06-20T12:03:18.890Z", commissioning.GetProperty("creationTimestamp").GetString());
        Assert.Equal(["SUCCESSFUL", "FAILED", "PENDING"], commissioning.GetProperty("subTasks").EnumerateArray().Select(s => s.GetProperty("status").GetString()));
        Assert.Equal("COMMISION_HOST_FAILED", commissioning.GetProperty("errors")[0].GetProperty("errorCode").GetString());
        Assert.Equal("f0f2f355-c91a-4d29-ba55-1c5e73608baa", commissioning.GetProperty("resources")[0].GetProperty("resourceId").GetString());
        Assert.True(commissioning.GetProperty("isRetryable").GetBoolean());

        using var raw = await sim.SendAsync(HttpMethod.Get, "/v1/tasks/63eb8b2c-c3b9-4aed-919a-26ac1315d359");
        var text = await raw.Content.ReadAsStringAsync();
        Assert.Contains("\"Fetches DNS \\\\u0026 NTP IPs\"", text);
        var domain = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Fetches DNS \\u0026 NTP IPs", domain.GetProperty("subTasks")[2].GetProperty("description").GetString());
        Assert.Equal("1970-01-20T06:19:07.495Z", domain.GetProperty("creationTimestamp").GetString());
        Assert.Equal("FAILED", domain.GetProperty("status").GetString());
        Assert.True(domain.GetProperty("isRetryable").GetBoolean());

        var credentials = await sim.GetAsync("/v1/tasks/5e709a5e-029f-4f1f-b53d-a79f3f452f74", "Task");
        Assert.Equal("Credentials rotate operation", credentials.GetProperty("name").GetString());
        Assert.Equal("Successful", credentials.GetProperty("status").GetString());
    }

    [Fact]
    public async Task No_seed_tasks_drops_the_product_page_tasks()
    {
        await using var sim = await Sim.StartAsync(o => { o.TaskCount = 10; o.IncludeSeedTasks = false; });
        await sim.LoginAsync();
        Assert.Equal(10, (await sim.AllTasksAsync()).Count);
        await sim.ErrorAsync(HttpMethod.Get, "/v1/tasks/389c2fb6-3cea-47d7-b830-e701f4cf9aed", HttpStatusCode.NotFound, "TA_TASK_NOT_FOUND");
    }

    [Fact]
    public async Task Generated_tasks_are_realistic_and_self_consistent()
    {
        await using var sim = await Sim.StartAsync(o => o.TaskCount = 1000);
        await sim.LoginAsync();
        var all = await sim.AllTasksAsync();
        Assert.Equal(1000, all.Count);
        Assert.Equal(1000, all.Select(Sim.Id).Distinct().Count());

        var statuses = all.Select(t => t.GetProperty("status").GetString()!).ToList();
        foreach (var s in new[] { "Failed", "FAILED", "In Progress", "IN_PROGRESS", "Successful", "SUCCESSFUL", "PENDING", "CANCELLED", "COMPLETED_WITH_WARNING" })
        {
            Assert.Contains(s, statuses);
        }

        var failedShare = all.Count(t => Sim.Norm(t) == "FAILED") / 1000.0;
        Assert.InRange(failedShare, 0.10, 0.22);
        Assert.Contains(all, t => !t.TryGetProperty("type", out _));
        Assert.Contains(all, t => !t.TryGetProperty("subTasks", out _));

        var timestamp = new System.Text.RegularExpressions.Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");
        foreach (var t in all)
        {
            var norm = Sim.Norm(t);
            var credentials = t.GetProperty("name").GetString()!.StartsWith("Credentials", StringComparison.Ordinal);
            Assert.Equal(norm == "FAILED" && !credentials, t.GetProperty("isRetryable").GetBoolean());
            Assert.Equal(norm == "IN_PROGRESS" && !credentials, t.GetProperty("isCancellable").GetBoolean());
            Assert.Matches(timestamp, t.GetProperty("creationTimestamp").GetString());
            var seed = t.GetProperty("creationTimestamp").GetString()!.StartsWith("19", StringComparison.Ordinal)
                || t.GetProperty("creationTimestamp").GetString()!.StartsWith("2019", StringComparison.Ordinal);
            if (!seed)
            {
                // The product page's tasks carry no completionTimestamp; generated ones do when finished.
                Assert.Equal(norm is not ("IN_PROGRESS" or "PENDING"), t.TryGetProperty("completionTimestamp", out _));
            }

            if (t.TryGetProperty("subTasks", out var subs))
            {
                Assert.InRange(subs.GetArrayLength(), 1, 8);
                Assert.All(subs.EnumerateArray(), s => Assert.Equal(s.GetProperty("status").GetString()!.ToUpperInvariant(), s.GetProperty("status").GetString()));
                Assert.All(subs.EnumerateArray(), s => Assert.InRange(s.TryGetProperty("stages", out var st) ? st.GetArrayLength() : 0, 0, 3));
                if (norm == "FAILED" && !seed)
                {
                    var failedStep = Assert.Single(subs.EnumerateArray(), s => s.GetProperty("status").GetString() == "FAILED");
                    Assert.NotEmpty(failedStep.GetProperty("errors").EnumerateArray());
                    Assert.NotEmpty(t.GetProperty("errors").EnumerateArray());
                }
            }
        }
    }

    [Fact]
    public async Task Credentials_tasks_are_listed_by_the_credentials_API_in_its_own_shape()
    {
        await using var sim = await Sim.StartAsync(o => o.TaskCount = 150);
        await sim.LoginAsync();
        var page = await sim.GetAsync("/v1/credentials/tasks", "PageOfCredentialsTask");
        var elements = page.GetProperty("elements").EnumerateArray().ToList();
        var expected = (await sim.AllTasksAsync("/v1/tasks?taskName=Credentials")).Select(Sim.Id).ToList();
        Assert.Equal(expected, elements.Select(Sim.Id));

        var rotate = await sim.GetAsync("/v1/credentials/tasks/5e709a5e-029f-4f1f-b53d-a79f3f452f74", "CredentialsTask");
        Assert.Equal("ROTATE", rotate.GetProperty("type").GetString());
        Assert.Equal("SUCCESSFUL", rotate.GetProperty("status").GetString());
        Assert.Equal("FTP", rotate.GetProperty("subTasks")[0].GetProperty("credentialType").GetString());

        Assert.Equal(3, (await sim.GetAsync("/v1/credentials/tasks?limit=3", "PageOfCredentialsTask")).GetProperty("elements").GetArrayLength());
        await sim.ErrorAsync(HttpMethod.Get, "/v1/credentials/tasks/389c2fb6-3cea-47d7-b830-e701f4cf9aed", HttpStatusCode.NotFound, "CREDENTIALS_TASK_NOT_FOUND");
    }

    [Fact]
    public async Task A_fixture_file_replaces_generation_and_keeps_unknown_statuses_raw()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sim-fixture-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """
            { "elements": [
              { "id": "a1", "name": "Odd task", "status": "WEIRD_STATE", "creationTimestamp": "2026-01-01T00:00:00.000Z" },
              { "id": "b2", "name": "Failed one", "status": "Failed", "creationTimestamp": "2026-01-02T00:00:00.000Z",
                "subTasks": [ { "name": "S", "description": "d", "status": "FAILED", "creationTimestamp": "2026-01-02T00:00:00.000Z" } ] }
            ], "pageMetadata": { "pageNumber": 0 } }
            """);
        try
        {
            await using var sim = await Sim.StartAsync(o => { o.FixturePath = path; o.StepMs = 10; o.RetryFailurePercent = 0; });
            await sim.LoginAsync();
            Assert.Equal(["b2", "a1"], (await sim.AllTasksAsync()).Select(Sim.Id));
            Assert.Equal("WEIRD_STATE", (await sim.GetAsync("/v1/tasks/a1", "Task")).GetProperty("status").GetString());
            using var retry = await sim.SendAsync(HttpMethod.Patch, "/v1/tasks/b2");
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using System.Net;
using System.Text.Json;

namespace VcfTasks.Simulator.Tests;

/// <summary>
/// The credentials API of the simulator (issue 15): resource-credentials (not on 4.5), PATCH with its body checked
/// against CredentialsUpdateSpec (400 and the reason), the state machine (only a FAILED credentials task is retried
/// or cancelled), the same ids in /v1/tasks, and --quirks. Seed 3 with 200 tasks holds failed tasks of each operation.
/// </summary>
public sealed class CredentialsTests
{
    private const int StepMs = 500;

    private static Task<Sim> StartAsync(Action<SimulatorOptions>? more = null, ManualClock? clock = null) => Sim.StartAsync(o =>
    {
        o.TaskCount = 200;
        o.Seed = 3;
        o.StepMs = StepMs;
        o.RetryFailurePercent = 0;
        if (clock is not null)
        {
            o.TimeProvider = clock;
        }

        more?.Invoke(o);
    });

    private static async Task<List<JsonElement>> CredentialsAsync(Sim sim) =>
        [.. (await sim.GetAsync("/v1/credentials/tasks", "PageOfCredentialsTask")).GetProperty("elements").EnumerateArray()];

    private static async Task<JsonElement> FindAsync(Sim sim, string type, string status = "FAILED") =>
        (await CredentialsAsync(sim)).First(t => t.GetProperty("type").GetString() == type && t.GetProperty("status").GetString() == status
            && t.GetProperty("subTasks").GetArrayLength() > 0);

    private static async Task<List<JsonElement>> ResourcesAsync(Sim sim, string id)
    {
        // The answer is an array of ResourceCredentials (the spec's inline array schema): each element checked.
        using var response = await sim.SendAsync(HttpMethod.Get, $"/v1/credentials/tasks/{id}/resource-credentials");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var array = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal(JsonValueKind.Array, array.ValueKind);
        foreach (var item in array.EnumerateArray())
        {
            SchemaValidator.AssertValid(item, "ResourceCredentials");
        }

        return [.. array.EnumerateArray()];
    }

    /// <summary>The server's own spec for the task: its operation and resource-credentials, as a client sends them back.</summary>
    private static async Task<StringContent> ServerSpecAsync(Sim sim, JsonElement task) =>
        Sim.Json(new { operationType = task.GetProperty("type").GetString(), elements = await ResourcesAsync(sim, Sim.Id(task)) });

    [Fact]
    public async Task Resource_credentials_name_each_resource_and_credential_and_give_passwords_back_only_for_REMEDIATE()
    {
        await using var sim = await StartAsync();
        await sim.LoginAsync();
        var rotate = await FindAsync(sim, "ROTATE");
        var resources = await ResourcesAsync(sim, Sim.Id(rotate));
        var resource = Assert.Single(resources);
        Assert.Equal(rotate.GetProperty("subTasks")[0].GetProperty("resourceName").GetString(), resource.GetProperty("resourceName").GetString());
        Assert.Equal(["SSH root", "API admin"], resource.GetProperty("credentials").EnumerateArray()
            .Select(c => $"{c.GetProperty("credentialType").GetString()} {c.GetProperty("username").GetString()}"));
        Assert.All(resource.GetProperty("credentials").EnumerateArray(), c => Assert.False(c.TryGetProperty("password", out _)));

        var remediate = await FindAsync(sim, "REMEDIATE");
        Assert.All((await ResourcesAsync(sim, Sim.Id(remediate))).SelectMany(r => r.GetProperty("credentials").EnumerateArray()),
            c => Assert.StartsWith("SimnewPw-", c.GetProperty("password").GetString(), StringComparison.Ordinal));
        var update = await FindAsync(sim, "UPDATE");
        Assert.All((await ResourcesAsync(sim, Sim.Id(update))).SelectMany(r => r.GetProperty("credentials").EnumerateArray()),
            c => Assert.False(c.TryGetProperty("password", out _)));
    }

    [Fact]
    public async Task Every_credentials_task_has_a_listed_status_and_each_subtask_its_old_and_new_password_as_real_servers_send_and_the_ids_are_those_of_v1_tasks()
    {
        await using var sim = await StartAsync();
        await sim.LoginAsync();
        var credentials = await CredentialsAsync(sim);
        var subs = credentials.SelectMany(t => t.GetProperty("subTasks").EnumerateArray()).ToList();
        Assert.NotEmpty(subs);
        Assert.All(subs, s => Assert.StartsWith("SimoldPw-", s.GetProperty("oldPassword").GetString(), StringComparison.Ordinal));
        Assert.All(subs, s => Assert.StartsWith("SimnewPw-", s.GetProperty("newPassword").GetString(), StringComparison.Ordinal));
        string[] listed = ["PENDING", "IN_PROGRESS", "SUCCESSFUL", "FAILED", "USER_CANCELLED", "INCONSISTENT"];
        Assert.All(credentials, t => Assert.Contains(t.GetProperty("status").GetString(), listed));
        Assert.Contains(credentials, t => t.GetProperty("status").GetString() == "INCONSISTENT");
        var inTasks = (await sim.AllTasksAsync()).Where(t => t.GetProperty("name").GetString()!.StartsWith("Credentials ", StringComparison.Ordinal)).Select(Sim.Id).Order();
        Assert.Equal(inTasks, credentials.Select(Sim.Id).Order());
    }

    [Fact]
    public async Task A_PATCH_with_the_server_spec_answers_202_with_the_Task_and_runs_the_failed_task_to_SUCCESSFUL_in_both_APIs()
    {
        var clock = new ManualClock();
        await using var sim = await StartAsync(clock: clock);
        await sim.LoginAsync();
        var rotate = await FindAsync(sim, "ROTATE");
        var id = Sim.Id(rotate);
        var accepted = await sim.JsonAsync(HttpMethod.Patch, $"/v1/credentials/tasks/{id}", HttpStatusCode.Accepted, "Task", await ServerSpecAsync(sim, rotate));
        Assert.Equal(id, Sim.Id(accepted));
        Assert.Equal("IN_PROGRESS", Sim.Norm(accepted));
        Assert.False(accepted.GetProperty("isCancellable").GetBoolean());

        var running = await sim.GetAsync($"/v1/credentials/tasks/{id}", "CredentialsTask");
        Assert.Equal("IN_PROGRESS", running.GetProperty("status").GetString());
        clock.Advance(TimeSpan.FromMilliseconds(StepMs) * running.GetProperty("subTasks").GetArrayLength());
        Assert.Equal("SUCCESSFUL", (await sim.GetAsync($"/v1/credentials/tasks/{id}", "CredentialsTask")).GetProperty("status").GetString());
        Assert.Equal("SUCCESSFUL", Sim.Norm(await sim.GetAsync($"/v1/tasks/{id}", "Task")));
    }

    public static readonly TheoryData<string, string, string> BadBodies = new()
    {
        { "no operationType", """{"elements":[{"resourceName":"h","resourceType":"ESXI","credentials":[{"username":"root"}]}]}""", "operationType is required" },
        { "no elements", """{"operationType":"UPDATE"}""", "elements is required" },
        { "empty elements", """{"operationType":"UPDATE","elements":[]}""", "elements is required" },
        { "a credential without username", """{"operationType":"UPDATE","elements":[{"resourceName":"h","resourceType":"ESXI","credentials":[{"credentialType":"SSH","password":"x"}]}]}""", "elements[0].credentials[0].username is required" },
        { "an UPDATE without passwords", """{"operationType":"UPDATE","elements":[{"resourceName":"h","resourceType":"ESXI","credentials":[{"credentialType":"SSH","username":"root"}]}]}""", "UPDATE needs a password for elements[0].credentials[0]" },
        { "another operation than the task's", """{"operationType":"ROTATE","elements":[{"resourceName":"h","resourceType":"ESXI","credentials":[{"username":"root"}]}]}""", "does not match the task's operation UPDATE" },
        { "not JSON", "operationType=UPDATE", "must be a CredentialsUpdateSpec" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_PATCH_body_that_is_not_a_valid_spec_gets_400_with_the_reason_and_changes_nothing(string why, string body, string reason)
    {
        await using var sim = await StartAsync();
        await sim.LoginAsync();
        var update = await FindAsync(sim, "UPDATE");
        var id = Sim.Id(update);
        var error = await sim.ErrorAsync(HttpMethod.Patch, $"/v1/credentials/tasks/{id}", HttpStatusCode.BadRequest, "CREDENTIALS_SPEC_INVALID",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(error.GetProperty("message").GetString()!.Contains(reason, StringComparison.Ordinal), $"{why}: {error.GetProperty("message")}");
        Assert.Equal("FAILED", (await sim.GetAsync($"/v1/credentials/tasks/{id}", "CredentialsTask")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Only_a_FAILED_credentials_task_is_retried_or_cancelled_and_a_cancelled_one_is_USER_CANCELLED_there_and_CANCELLED_in_v1_tasks()
    {
        await using var sim = await StartAsync();
        await sim.LoginAsync();
        var running = await FindAsync(sim, "ROTATE", "IN_PROGRESS");
        await sim.ErrorAsync(HttpMethod.Patch, $"/v1/credentials/tasks/{Sim.Id(running)}", HttpStatusCode.BadRequest, "CREDENTIALS_TASK_NOT_RETRYABLE", await ServerSpecAsync(sim, running));
        await sim.ErrorAsync(HttpMethod.Delete, $"/v1/credentials/tasks/{Sim.Id(running)}", HttpStatusCode.BadRequest, "CREDENTIALS_TASK_NOT_CANCELLABLE");
        // /v1/tasks does not cancel a running credentials task either, nor retry a failed one.
        await sim.ErrorAsync(HttpMethod.Delete, $"/v1/tasks/{Sim.Id(running)}", HttpStatusCode.Conflict, "TA_TASK_CAN_NOT_BE_CANCELLED");

        var update = await FindAsync(sim, "UPDATE");
        var id = Sim.Id(update);
        await sim.ErrorAsync(HttpMethod.Patch, $"/v1/tasks/{id}", HttpStatusCode.Conflict, "TA_CREDENTIALS_TASK_RETRY_NOT_SUPPORTED");
        var cancelled = await sim.JsonAsync(HttpMethod.Delete, $"/v1/credentials/tasks/{id}", HttpStatusCode.Accepted, "Task");
        Assert.Equal("CANCELLED", Sim.Norm(cancelled));
        Assert.Equal("USER_CANCELLED", (await sim.GetAsync($"/v1/credentials/tasks/{id}", "CredentialsTask")).GetProperty("status").GetString());
        Assert.Equal("CANCELLED", Sim.Norm(await sim.GetAsync($"/v1/tasks/{id}", "Task")));
        await sim.ErrorAsync(HttpMethod.Delete, $"/v1/credentials/tasks/{id}", HttpStatusCode.BadRequest, "CREDENTIALS_TASK_NOT_CANCELLABLE");
        await sim.ErrorAsync(HttpMethod.Delete, "/v1/credentials/tasks/" + Guid.NewGuid(), HttpStatusCode.NotFound, "CREDENTIALS_TASK_NOT_FOUND");
    }

    [Fact]
    public async Task Version_4_5_has_no_resource_credentials_and_answers_a_cancellation_with_204()
    {
        await using var sim = await StartAsync(o => o.Api = "4.5");
        await sim.LoginAsync();
        var update = await FindAsync(sim, "UPDATE");
        using (var response = await sim.SendAsync(HttpMethod.Get, $"/v1/credentials/tasks/{Sim.Id(update)}/resource-credentials"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using (var response = await sim.SendAsync(HttpMethod.Delete, $"/v1/credentials/tasks/{Sim.Id(update)}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Equal("USER_CANCELLED", (await sim.GetAsync($"/v1/credentials/tasks/{Sim.Id(update)}", "CredentialsTask")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task With_quirks_the_credentials_API_writes_odd_JSON_with_the_same_tasks_states_and_resources()
    {
        await using var plain = await StartAsync();
        await using var odd = await StartAsync(o => o.Quirks = true);
        await plain.LoginAsync();
        await odd.LoginAsync();
        using var response = await odd.SendAsync(HttpMethod.Get, "/v1/credentials/tasks");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(":null", text, StringComparison.Ordinal);
        var oddTasks = JsonDocument.Parse(text).RootElement.GetProperty("elements").EnumerateArray().ToList();
        var plainTasks = await CredentialsAsync(plain);
        static string Key(JsonElement t) => $"{Sim.Id(t)} {t.GetProperty("type").GetString()} " +
            string.Join(",", t.GetProperty("subTasks").EnumerateArray().Select(s => $"{s.GetProperty("resourceName").GetString()}:{s.GetProperty("credentialType").GetString()}:{s.GetProperty("username").GetString()}"));
        Assert.Equal(plainTasks.Select(Key), oddTasks.Select(Key));
        // Statuses in another spelling at times, never another state (SKIPPED stands for SUCCESSFUL under --quirks).
        Assert.Equal(plainTasks.Select(Sim.Norm), oddTasks.Select(t => Sim.Norm(t) == "SKIPPED" ? "SUCCESSFUL" : Sim.Norm(t)));
        Assert.Contains(oddTasks, t => t.EnumerateObject().Any(p => p.Name is "vendorExtension" or "_links" or "etag" or "tenantId" or "x-trace" or "auditInfo"));
    }
}

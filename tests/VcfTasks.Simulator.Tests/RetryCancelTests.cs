using System.Net;
using System.Text.Json;

namespace VcfTasks.Simulator.Tests;

public sealed class RetryCancelTests
{
    private const string SeedFailed = "389c2fb6-3cea-47d7-b830-e701f4cf9aed";
    private const string SeedCredentials = "5e709a5e-029f-4f1f-b53d-a79f3f452f74";

    /// <summary>Step length for the tests on a <see cref="ManualClock"/>, where only the clock's moves count.</summary>
    private const int StepMs = 500;

    [Fact]
    public async Task Retry_of_a_failed_task_answers_200_with_no_body_and_runs_it_to_SUCCESSFUL_under_the_same_id()
    {
        // A hand-moved clock: the running state is observed exactly, however slow the machine.
        var clock = new ManualClock();
        await using var sim = await Sim.StartAsync(o => { o.StepMs = StepMs; o.RetryFailurePercent = 0; o.TimeProvider = clock; });
        await sim.LoginAsync();

        using (var response = await sim.SendAsync(HttpMethod.Patch, "/v1/tasks/" + SeedFailed))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(0, response.Content.Headers.ContentLength);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }

        var running = await sim.GetAsync("/v1/tasks/" + SeedFailed, "Task");
        Assert.Equal("IN_PROGRESS", running.GetProperty("status").GetString());
        Assert.True(running.GetProperty("isCancellable").GetBoolean());
        Assert.False(running.GetProperty("isRetryable").GetBoolean());
        Assert.False(running.TryGetProperty("completionTimestamp", out _));
        Assert.Equal("IN_PROGRESS", running.GetProperty("subTasks")[0].GetProperty("status").GetString());

        clock.Advance(TimeSpan.FromMilliseconds(StepMs) * running.GetProperty("subTasks").GetArrayLength());
        var done = await sim.GetAsync("/v1/tasks/" + SeedFailed, "Task");
        Assert.Equal("SUCCESSFUL", done.GetProperty("status").GetString());
        Assert.Equal(SeedFailed, Sim.Id(done));
        Assert.False(done.GetProperty("isRetryable").GetBoolean());
        Assert.False(done.GetProperty("isCancellable").GetBoolean());
        Assert.True(done.TryGetProperty("completionTimestamp", out _));
        Assert.Empty(done.GetProperty("errors").EnumerateArray());
        Assert.All(done.GetProperty("subTasks").EnumerateArray(), s => Assert.Equal("SUCCESSFUL", s.GetProperty("status").GetString()));

        await sim.ErrorAsync(HttpMethod.Patch, "/v1/tasks/" + SeedFailed, HttpStatusCode.Conflict, "TA_TASK_CAN_NOT_BE_RETRIED");
    }

    [Fact]
    public async Task Subtasks_run_one_by_one_every_step()
    {
        // The steps follow the simulator's clock, so a hand-moved clock shows each one exactly;
        // with the wall clock, a slow machine could sleep through a step.
        var clock = new ManualClock();
        await using var sim = await Sim.StartAsync(o => { o.StepMs = 400; o.RetryFailurePercent = 0; o.TimeProvider = clock; });
        await sim.LoginAsync();
        using (await sim.SendAsync(HttpMethod.Patch, "/v1/tasks/" + SeedFailed))
        {
        }

        async Task<List<string?>> Steps() =>
            [.. (await sim.GetAsync("/v1/tasks/" + SeedFailed, "Task")).GetProperty("subTasks").EnumerateArray().Select(s => s.GetProperty("status").GetString())];

        Assert.Equal(["IN_PROGRESS", "PENDING", "PENDING"], await Steps());
        clock.Advance(TimeSpan.FromMilliseconds(399));
        Assert.Equal(["IN_PROGRESS", "PENDING", "PENDING"], await Steps());
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["SUCCESSFUL", "IN_PROGRESS", "PENDING"], await Steps());
        clock.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(["SUCCESSFUL", "SUCCESSFUL", "IN_PROGRESS"], await Steps());
        Assert.Equal("IN_PROGRESS", (await sim.GetAsync("/v1/tasks/" + SeedFailed, "Task")).GetProperty("status").GetString());
        clock.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(["SUCCESSFUL", "SUCCESSFUL", "SUCCESSFUL"], await Steps());
        Assert.Equal("SUCCESSFUL", (await sim.GetAsync("/v1/tasks/" + SeedFailed, "Task")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task On_the_real_clock_a_retry_runs_to_SUCCESSFUL_by_itself_and_not_before_its_steps_have_passed()
    {
        // The other retry tests move a manual clock; this one keeps the system clock, so the real-time
        // path stays covered. Its bounds are causal (no window a slow machine could miss).
        const int RealStepMs = 200;
        await using var sim = await Sim.StartAsync(o => { o.StepMs = RealStepMs; o.RetryFailurePercent = 0; });
        await sim.LoginAsync();
        var steps = (await sim.GetAsync("/v1/tasks/" + SeedFailed, "Task")).GetProperty("subTasks").GetArrayLength();

        var sent = DateTimeOffset.UtcNow;
        using (var response = await sim.SendAsync(HttpMethod.Patch, "/v1/tasks/" + SeedFailed))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var done = await WaitForEnd(sim, SeedFailed);
        var seen = DateTimeOffset.UtcNow;
        Assert.Equal("SUCCESSFUL", done.GetProperty("status").GetString());
        Assert.All(done.GetProperty("subTasks").EnumerateArray(), s => Assert.Equal("SUCCESSFUL", s.GetProperty("status").GetString()));

        // It completes when its last step ends (timestamps carry whole milliseconds), and no later than it was seen.
        var completed = DateTimeOffset.Parse(done.GetProperty("completionTimestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(completed, sent + TimeSpan.FromMilliseconds(steps * RealStepMs - 1), seen);
    }

    [Fact]
    public async Task With_every_retry_set_to_fail_the_task_ends_FAILED_again_with_a_fresh_error_and_can_be_retried_again()
    {
        var clock = new ManualClock();
        await using var sim = await Sim.StartAsync(o => { o.StepMs = StepMs; o.RetryFailurePercent = 100; o.TimeProvider = clock; });
        await sim.LoginAsync();
        var before = await sim.GetAsync("/v1/tasks/" + SeedFailed, "Task");
        using (await sim.SendAsync(HttpMethod.Patch, "/v1/tasks/" + SeedFailed))
        {
        }

        clock.Advance(TimeSpan.FromMilliseconds(StepMs) * before.GetProperty("subTasks").GetArrayLength());
        var failed = await sim.GetAsync("/v1/tasks/" + SeedFailed, "Task");
        Assert.Equal("FAILED", failed.GetProperty("status").GetString());
        Assert.True(failed.GetProperty("isRetryable").GetBoolean());
        Assert.False(failed.GetProperty("isCancellable").GetBoolean());
        var error = failed.GetProperty("errors")[0];
        Assert.Matches("^[A-Z0-9]{6}$", error.GetProperty("referenceToken").GetString());
        Assert.NotEqual(before.GetProperty("errors")[0].GetRawText(), error.GetRawText());
        Assert.Single(failed.GetProperty("subTasks").EnumerateArray(), s => s.GetProperty("status").GetString() == "FAILED");

        using var again = await sim.SendAsync(HttpMethod.Patch, "/v1/tasks/" + SeedFailed);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task The_outcome_of_a_retry_depends_only_on_task_id_and_attempt()
    {
        // Two runs that move their clocks differently: one jump far past every end (a minute: the token
        // lives an hour on the same clock), or one step at a time with every task read (in reverse
        // order) after each step. The outcomes must not differ.
        async Task<Dictionary<string, string>> RetryAll(bool stepByStep)
        {
            var clock = new ManualClock();
            await using var sim = await Sim.StartAsync(o => { o.TaskCount = 120; o.StepMs = StepMs; o.RetryFailurePercent = 50; o.TimeProvider = clock; });
            await sim.LoginAsync();
            var failed = (await sim.AllTasksAsync("/v1/tasks?taskStatus=FAILED")).Where(t => t.GetProperty("isRetryable").GetBoolean()).Select(Sim.Id).ToList();
            Assert.NotEmpty(failed);
            foreach (var id in failed)
            {
                using var r = await sim.SendAsync(HttpMethod.Patch, "/v1/tasks/" + id);
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            }

            var outcome = new Dictionary<string, string>();
            for (var step = 0; outcome.Count < failed.Count; step++)
            {
                Assert.True(step < 20, "retries still running after 20 steps");
                clock.Advance(stepByStep ? TimeSpan.FromMilliseconds(StepMs) : TimeSpan.FromMinutes(1));
                foreach (var id in stepByStep ? Enumerable.Reverse(failed) : failed)
                {
                    var task = await sim.GetAsync("/v1/tasks/" + id, "Task");
                    if (Sim.Norm(task) != "IN_PROGRESS")
                    {
                        outcome[id] = task.GetProperty("status").GetString() + " " + (task.GetProperty("errors").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } e ? e.GetProperty("referenceToken").GetString() : "");
                    }
                }
            }

            return outcome;
        }

        var first = await RetryAll(stepByStep: false);
        var second = await RetryAll(stepByStep: true);
        Assert.Equal(first, second);
        Assert.Contains(first.Values, v => v.StartsWith("FAILED", StringComparison.Ordinal));
        Assert.Contains(first.Values, v => v.StartsWith("SUCCESSFUL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retry_of_a_task_that_is_not_failed_gives_409_TA_TASK_CAN_NOT_BE_RETRIED()
    {
        await using var sim = await Sim.StartAsync();
        await sim.LoginAsync();
        var successful = (await sim.AllTasksAsync("/v1/tasks?taskStatus=SUCCESSFUL")).First(t => !t.GetProperty("name").GetString()!.StartsWith("Credentials", StringComparison.Ordinal));
        var error = await sim.ErrorAsync(HttpMethod.Patch, "/v1/tasks/" + Sim.Id(successful), HttpStatusCode.Conflict, "TA_TASK_CAN_NOT_BE_RETRIED");
        Assert.Equal("Task can not be retried. Only a failed Task can be retried.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Retry_of_a_credentials_task_gives_409_pointing_at_the_credentials_API()
    {
        await using var sim = await Sim.StartAsync(o => o.TaskCount = 200);
        await sim.LoginAsync();
        var error = await sim.ErrorAsync(HttpMethod.Patch, "/v1/tasks/" + SeedCredentials, HttpStatusCode.Conflict, "TA_CREDENTIALS_TASK_RETRY_NOT_SUPPORTED");
        Assert.Contains("PATCH /v1/credentials/tasks/", error.GetProperty("message").GetString());

        var failedCredentials = (await sim.AllTasksAsync("/v1/tasks?taskStatus=FAILED&taskName=Credentials")).First();
        Assert.False(failedCredentials.GetProperty("isRetryable").GetBoolean());
        await sim.ErrorAsync(HttpMethod.Patch, "/v1/tasks/" + Sim.Id(failedCredentials), HttpStatusCode.Conflict, "TA_CREDENTIALS_TASK_RETRY_NOT_SUPPORTED");
    }

    [Fact]
    public async Task Cancel_of_a_running_retry_answers_200_empty_and_leaves_it_CANCELLED_with_later_steps_PENDING()
    {
        await using var sim = await Sim.StartAsync(o => { o.StepMs = 60_000; o.RetryFailurePercent = 0; });
        await sim.LoginAsync();
        using (await sim.SendAsync(HttpMethod.Patch, "/v1/tasks/" + SeedFailed))
        {
        }

        using (var response = await sim.SendAsync(HttpMethod.Delete, "/v1/tasks/" + SeedFailed))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(0, response.Content.Headers.ContentLength);
        }

        var task = await sim.GetAsync("/v1/tasks/" + SeedFailed, "Task");
        Assert.Equal("CANCELLED", task.GetProperty("status").GetString());
        Assert.False(task.GetProperty("isCancellable").GetBoolean());
        Assert.False(task.GetProperty("isRetryable").GetBoolean());
        Assert.True(task.TryGetProperty("completionTimestamp", out _));
        var statuses = task.GetProperty("subTasks").EnumerateArray().Select(s => s.GetProperty("status").GetString()).ToList();
        Assert.Equal(["CANCELLED", "PENDING", "PENDING"], statuses);

        var error = await sim.ErrorAsync(HttpMethod.Delete, "/v1/tasks/" + SeedFailed, HttpStatusCode.Conflict, "TA_TASK_CAN_NOT_BE_CANCELLED");
        Assert.Equal("Task can not be cancelled. Only a IN_PROGRESS task can be cancelled.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Cancel_of_a_generated_in_progress_task_works_and_of_a_failed_one_gives_409()
    {
        await using var sim = await Sim.StartAsync(o => o.TaskCount = 100);
        await sim.LoginAsync();
        var running = (await sim.AllTasksAsync("/v1/tasks?taskStatus=IN_PROGRESS")).First(t => t.GetProperty("isCancellable").GetBoolean());
        using (var response = await sim.SendAsync(HttpMethod.Delete, "/v1/tasks/" + Sim.Id(running)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal("CANCELLED", (await sim.GetAsync("/v1/tasks/" + Sim.Id(running), "Task")).GetProperty("status").GetString());
        await sim.ErrorAsync(HttpMethod.Delete, "/v1/tasks/" + SeedFailed, HttpStatusCode.Conflict, "TA_TASK_CAN_NOT_BE_CANCELLED");
    }

    private static async Task<JsonElement> WaitForEnd(Sim sim, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var task = await sim.GetAsync("/v1/tasks/" + id, "Task");
            if (Sim.Norm(task) != "IN_PROGRESS" || DateTime.UtcNow > deadline)
            {
                return task;
            }

            await Task.Delay(25);
        }
    }
}

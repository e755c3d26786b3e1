using System.Net;
using System.Text.Json;

namespace VcfTasks.Simulator.Tests;

/// <summary>--api 4.5 | 5.2 | 9.0: what each SDDC Manager version's tasks API knows.</summary>
public sealed class ProfileTests
{
    private static async Task<Sim> StartAsync(string api, int tasks = 120)
    {
        var sim = await Sim.StartAsync(o => { o.Api = api; o.TaskCount = tasks; });
        await sim.LoginAsync();
        return sim;
    }

    private static async Task<List<string>> ExpectedIdsAsync(Sim sim)
    {
        using var control = await sim.ControlAsync(HttpMethod.Get, "/_sim/tasks");
        return JsonSerializer.Deserialize<List<string>>(await control.Content.ReadAsStringAsync())!;
    }

    [Theory]
    [InlineData("/v1/tasks?pageSize=10&pageNumber=2")]
    [InlineData("/v1/tasks?pageSize=0&pageNumber=-1")]
    [InlineData("/v1/tasks?orderBy=name&orderDirection=ASC")]
    [InlineData("/v1/tasks?taskName=Credentials")]
    [InlineData("/v1/tasks?doLiveRefresh=maybe")]
    public async Task Api_4_5_answers_every_listing_whole_in_the_default_order_without_pageMetadata_ignoring_paging_ordering_and_taskName(string path)
    {
        await using var sim = await StartAsync("4.5");
        var page = await sim.GetAsync(path); // still a valid PageOfTask: pageMetadata is optional
        Assert.False(page.TryGetProperty("pageMetadata", out _));
        Assert.Equal(await ExpectedIdsAsync(sim), page.GetProperty("elements").EnumerateArray().Select(Sim.Id));
    }

    [Fact]
    public async Task Api_4_5_still_filters_by_status_type_and_limit()
    {
        await using var sim = await StartAsync("4.5");
        var failed = (await sim.AllTasksAsync("/v1/tasks?taskStatus=FAILED&pageSize=5")).ToList();
        Assert.True(failed.Count > 5);
        Assert.All(failed, t => Assert.Equal("FAILED", Sim.Norm(t)));
        Assert.Equal(7, (await sim.AllTasksAsync("/v1/tasks?limit=7")).Count);
    }

    [Fact]
    public async Task Api_4_5_tasks_carry_no_isRetryable_and_no_isCancellable_in_listings_and_single_reads_but_retry_and_cancel_work()
    {
        await using var sim = await StartAsync("4.5");
        var all = await sim.AllTasksAsync();
        Assert.All(all, t => Assert.False(t.TryGetProperty("isRetryable", out _) || t.TryGetProperty("isCancellable", out _), t.GetRawText()));
        var one = await sim.GetAsync("/v1/tasks/389c2fb6-3cea-47d7-b830-e701f4cf9aed", "Task");
        Assert.False(one.TryGetProperty("isRetryable", out _));
        Assert.False(one.TryGetProperty("isCancellable", out _));

        using var retry = await sim.SendAsync(HttpMethod.Patch, "/v1/tasks/389c2fb6-3cea-47d7-b830-e701f4cf9aed");
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var running = all.First(t => Sim.Norm(t) == "IN_PROGRESS" && !t.GetProperty("name").GetString()!.StartsWith("Credentials", StringComparison.Ordinal));
        using var cancel = await sim.SendAsync(HttpMethod.Delete, "/v1/tasks/" + Sim.Id(running));
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
    }

    [Theory]
    [InlineData("5.2")]
    [InlineData("9.0")]
    public async Task Api_5_2_and_9_0_page_filter_by_taskName_and_write_both_flags(string api)
    {
        await using var sim = await StartAsync(api);
        var page = await sim.GetAsync("/v1/tasks?pageSize=10&pageNumber=2");
        Assert.Equal(10, page.GetProperty("elements").GetArrayLength());
        Assert.Equal(2, page.GetProperty("pageMetadata").GetProperty("pageNumber").GetInt32());
        Assert.Equal(12, page.GetProperty("pageMetadata").GetProperty("totalPages").GetInt32());
        Assert.Equal((await ExpectedIdsAsync(sim)).Skip(20).Take(10), page.GetProperty("elements").EnumerateArray().Select(Sim.Id));
        Assert.All(page.GetProperty("elements").EnumerateArray(), t =>
        {
            Assert.True(t.TryGetProperty("isRetryable", out _));
            Assert.True(t.TryGetProperty("isCancellable", out _));
        });

        var named = await sim.AllTasksAsync("/v1/tasks?taskName=Credentials");
        Assert.NotEmpty(named);
        Assert.True(named.Count < 120);
        Assert.All(named, t => Assert.Contains("Credentials", t.GetProperty("name").GetString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Api_5_2_ignores_doLiveRefresh_whatever_its_value_and_9_0_takes_it_and_refuses_a_bad_one()
    {
        await using (var v52 = await StartAsync("5.2"))
        {
            var plain = (await v52.AllTasksAsync("/v1/tasks?pageSize=20")).Select(Sim.Id);
            Assert.Equal(plain, (await v52.AllTasksAsync("/v1/tasks?pageSize=20&doLiveRefresh=maybe")).Select(Sim.Id));
            Assert.Equal(plain, (await v52.AllTasksAsync("/v1/tasks?pageSize=20&doLiveRefresh=true")).Select(Sim.Id));
        }

        await using var v90 = await StartAsync("9.0");
        Assert.Equal(20, (await v90.AllTasksAsync("/v1/tasks?pageSize=20&doLiveRefresh=true")).Count);
        await v90.ErrorAsync(HttpMethod.Get, "/v1/tasks?doLiveRefresh=maybe", HttpStatusCode.BadRequest, "TA_INVALID_PARAMETER");
    }

    [Fact]
    public async Task Api_9_0_is_the_default_and_an_explicit_9_0_writes_the_same_bytes()
    {
        async Task<byte[]> Listing(Action<SimulatorOptions> configure)
        {
            await using var sim = await Sim.StartAsync(configure);
            await sim.LoginAsync();
            using var response = await sim.SendAsync(HttpMethod.Get, "/v1/tasks?pageSize=100");
            return await response.Content.ReadAsByteArrayAsync();
        }

        Assert.Equal("9.0", new SimulatorOptions().Api);
        Assert.Equal(await Listing(o => o.TaskCount = 150), await Listing(o => { o.TaskCount = 150; o.Api = "9.0"; }));
    }

    [Fact]
    public async Task The_startup_line_says_which_version_is_played_and_whether_with_quirks_and_junk_elements()
    {
        await using (var plain = await Sim.StartAsync())
        {
            var line = JsonDocument.Parse(plain.Instance.StartupLine()).RootElement;
            Assert.Equal("9.0", line.GetProperty("api").GetString());
            Assert.False(line.GetProperty("quirks").GetBoolean());
            Assert.False(line.GetProperty("junkElements").GetBoolean());
        }

        await using var odd = await Sim.StartAsync(o => { o.Api = "4.5"; o.Quirks = true; o.JunkElements = true; });
        var oddLine = JsonDocument.Parse(odd.Instance.StartupLine()).RootElement;
        Assert.Equal("4.5", oddLine.GetProperty("api").GetString());
        Assert.True(oddLine.GetProperty("quirks").GetBoolean());
        Assert.True(oddLine.GetProperty("junkElements").GetBoolean());
    }

    [Fact]
    public void The_command_line_takes_api_and_quirks_refuses_an_unknown_version_and_shows_both_in_the_usage()
    {
        var o = OptionsParser.Parse(["--api", "4.5", "--quirks"]);
        Assert.Equal("4.5", o.Api);
        Assert.True(o.Quirks);
        Assert.Equal("9.0", OptionsParser.Parse([]).Api);
        Assert.False(OptionsParser.Parse([]).Quirks);
        var e = Assert.Throws<OptionsException>(() => OptionsParser.Parse(["--api", "6.0"]));
        Assert.Contains("4.5, 5.2, 9.0", e.Message);
        Assert.Throws<OptionsException>(() => OptionsParser.Parse(["--api"]));
        Assert.Contains("[--api 4.5|5.2|9.0]", OptionsParser.Usage);
        Assert.Contains("[--quirks]", OptionsParser.Usage);
    }
}

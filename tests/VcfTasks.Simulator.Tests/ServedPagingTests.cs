using System.Text.Json;

namespace VcfTasks.Simulator.Tests;

/// <summary>
/// The servers of issue 13's table, as the simulator plays them: pages counted from 1, a page size of the server's
/// own (fixed or capped), and page metadata that is partial or contradicts itself. Asserted on the HTTP answers.
/// </summary>
public sealed class ServedPagingTests
{
    private static async Task<Sim> StartAsync(Action<SimulatorOptions> configure, int tasks = 1055)
    {
        var sim = await Sim.StartAsync(o => { o.TaskCount = tasks; configure(o); });
        await sim.LoginAsync();
        return sim;
    }

    private static async Task<List<string>> TruthAsync(Sim sim, string query = "")
    {
        using var control = await sim.ControlAsync(HttpMethod.Get, "/_sim/tasks" + query);
        return JsonSerializer.Deserialize<List<string>>(await control.Content.ReadAsStringAsync())!;
    }

    private static async Task<JsonElement> RawAsync(Sim sim, string path)
    {
        using var response = await sim.SendAsync(HttpMethod.Get, path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("elements").EnumerateArray().Select(Sim.Id)];

    private static (int Number, int Size, int Elements, int Pages) Meta(JsonElement page)
    {
        var m = page.GetProperty("pageMetadata");
        return (m.GetProperty("pageNumber").GetInt32(), m.GetProperty("pageSize").GetInt32(),
            m.GetProperty("totalElements").GetInt32(), m.GetProperty("totalPages").GetInt32());
    }

    [Fact]
    public async Task Pages_counted_from_1_answer_pageNumber_0_and_1_with_the_first_page_which_says_1_and_pages_1_to_11_hold_every_task_once()
    {
        await using var sim = await StartAsync(o => o.PageBase = 1);
        var truth = await TruthAsync(sim);

        var zero = await sim.GetAsync("/v1/tasks?pageNumber=0&pageSize=100");
        var one = await sim.GetAsync("/v1/tasks?pageNumber=1&pageSize=100");
        Assert.Equal(truth.Take(100), Ids(zero));
        Assert.Equal(Ids(zero), Ids(one));
        Assert.Equal((1, 100, 1055, 11), Meta(zero));
        Assert.Equal((1, 100, 1055, 11), Meta(one));
        Assert.Equal((1, 100, 1055, 11), Meta(await sim.GetAsync("/v1/tasks?pageSize=100")));

        var all = new List<string>();
        for (var n = 1; n <= 11; n++)
        {
            var page = await sim.GetAsync($"/v1/tasks?pageNumber={n}&pageSize=100");
            Assert.Equal(n, Meta(page).Number);
            all.AddRange(Ids(page));
        }

        Assert.Equal(truth, all);
        Assert.Equal(55, all.Count - 1000);
        Assert.Empty(Ids(await sim.GetAsync("/v1/tasks?pageNumber=12&pageSize=100")));
        // Unpaged (no pageSize): everything in the one page, numbered 1.
        var whole = await sim.GetAsync("/v1/tasks");
        Assert.Equal(truth, Ids(whole));
        Assert.Equal((1, 1055, 1055, 1), Meta(whole));
    }

    [Fact]
    public async Task A_fixed_page_size_serves_250_whatever_pageSize_asks_or_when_it_asks_nothing_and_the_metadata_says_250()
    {
        await using var sim = await StartAsync(o => o.PageSizeServed = 250);
        var truth = await TruthAsync(sim);

        foreach (var query in new[] { "pageNumber=0&pageSize=100", "pageNumber=0&pageSize=1000", "pageNumber=0&pageSize=7", "pageNumber=0" })
        {
            var page = await sim.GetAsync("/v1/tasks?" + query);
            Assert.Equal(truth.Take(250), Ids(page));
            Assert.Equal((0, 250, 1055, 5), Meta(page));
        }

        var all = new List<string>();
        for (var n = 0; n < 5; n++)
        {
            all.AddRange(Ids(await sim.GetAsync($"/v1/tasks?pageNumber={n}&pageSize=100")));
        }

        Assert.Equal(truth, all);
        Assert.Equal(55, Ids(await sim.GetAsync("/v1/tasks?pageNumber=4&pageSize=100")).Count);
    }

    [Fact]
    public async Task A_fixed_size_with_pages_counted_from_1_serves_the_second_250_as_page_2()
    {
        await using var sim = await StartAsync(o => { o.PageSizeServed = 250; o.PageBase = 1; });
        var truth = await TruthAsync(sim);
        var page = await sim.GetAsync("/v1/tasks?pageNumber=2&pageSize=100");
        Assert.Equal(truth.Skip(250).Take(250), Ids(page));
        Assert.Equal((2, 250, 1055, 5), Meta(page));
    }

    [Fact]
    public async Task A_capped_page_size_serves_40_when_100_is_asked_as_asked_below_40_and_says_the_served_size()
    {
        await using var sim = await StartAsync(o => o.PageSizeCap = 40);
        var truth = await TruthAsync(sim);

        var first = await sim.GetAsync("/v1/tasks?pageNumber=0&pageSize=100");
        Assert.Equal(truth.Take(40), Ids(first));
        Assert.Equal((0, 40, 1055, 27), Meta(first));
        var small = await sim.GetAsync("/v1/tasks?pageNumber=3&pageSize=10");
        Assert.Equal(truth.Skip(30).Take(10), Ids(small));
        Assert.Equal((3, 10, 1055, 106), Meta(small));

        var all = new List<string>();
        for (var n = 0; n < 27; n++)
        {
            all.AddRange(Ids(await sim.GetAsync($"/v1/tasks?pageNumber={n}&pageSize=100")));
        }

        Assert.Equal(truth, all);
        // The cap is on the size asked; a listing that asks none is still one page, as without the option.
        Assert.Equal(1055, Ids(await sim.GetAsync("/v1/tasks")).Count);
    }

    [Fact]
    public async Task A_cap_above_100_lifts_SDDC_Managers_own_limit()
    {
        await using var sim = await StartAsync(o => o.PageSizeCap = 500);
        Assert.Equal((0, 500, 1055, 3), Meta(await sim.GetAsync("/v1/tasks?pageNumber=0&pageSize=1000")));
        Assert.Equal((0, 200, 1055, 6), Meta(await sim.GetAsync("/v1/tasks?pageNumber=0&pageSize=200")));
    }

    [Theory]
    [InlineData("full", false, "pageNumber pageSize totalElements totalPages", 6)]
    [InlineData("no-total-pages", false, "pageNumber pageSize totalElements", null)]
    [InlineData("no-total-elements", false, "pageNumber pageSize totalPages", 6)]
    [InlineData("none", false, null, null)]
    [InlineData("contradict", false, "pageNumber pageSize totalElements totalPages", 1)]
    [InlineData("no-total-elements", true, "pageNumber pageSize totalPages", 6)]
    [InlineData("contradict", true, "pageNumber pageSize totalElements totalPages", 1)]
    public async Task Page_metadata_says_what_the_mode_tells_and_the_page_itself_is_the_same(string mode, bool quirks, string? fields, int? totalPages)
    {
        await using var sim = await StartAsync(o => { o.PageMetadata = mode; o.Quirks = quirks; }, tasks: 60);
        var truth = await TruthAsync(sim);
        // With --quirks the tasks hold values of the wrong kind on purpose: read as they are, not against the schema.
        var page = quirks ? await RawAsync(sim, "/v1/tasks?pageNumber=1&pageSize=10") : await sim.GetAsync("/v1/tasks?pageNumber=1&pageSize=10");
        Assert.Equal(truth.Skip(10).Take(10), Ids(page));
        if (fields is null)
        {
            Assert.False(page.TryGetProperty("pageMetadata", out _), page.GetRawText());
            return;
        }

        var meta = page.GetProperty("pageMetadata");
        string[] known = ["pageNumber", "pageSize", "totalElements", "totalPages"];
        // --quirks adds unknown fields and explicit nulls of its own: only the four known ones are compared.
        Assert.Equal(fields, string.Join(' ', meta.EnumerateObject().Select(p => p.Name).Where(known.Contains)));
        Assert.Equal(1, meta.GetProperty("pageNumber").GetInt32());
        Assert.Equal(10, meta.GetProperty("pageSize").GetInt32());
        if (fields.Contains("totalElements", StringComparison.Ordinal))
        {
            Assert.Equal(60, meta.GetProperty("totalElements").GetInt32());
        }

        if (totalPages is { } pages)
        {
            Assert.Equal(pages, meta.GetProperty("totalPages").GetInt32());
        }
    }

    [Fact]
    public async Task The_control_list_takes_the_listing_filters_unpaged_and_refuses_a_bad_one()
    {
        await using var sim = await StartAsync(o => o.PageSizeServed = 25, tasks: 200);
        var failed = await TruthAsync(sim, "?taskStatus=Failed&pageSize=10&pageNumber=3");
        Assert.True(failed.Count > 25, $"{failed.Count} failed tasks");
        var listed = new List<string>();
        for (var n = 0; n * 25 < failed.Count; n++)
        {
            listed.AddRange(Ids(await sim.GetAsync($"/v1/tasks?taskStatus=FAILED&pageNumber={n}")));
        }

        Assert.Equal(listed, failed);
        Assert.Equal(200, (await TruthAsync(sim)).Count);
        var request = new HttpRequestMessage(HttpMethod.Get, "/_sim/tasks?orderBy=color");
        request.Headers.Add("X-Sim-Control-Key", sim.Instance.ControlKey);
        using var bad = await sim.Http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("TA_INVALID_PARAMETER", await bad.Content.ReadAsStringAsync());
    }
}

using System.Text.Json;

namespace VcfTasks.Simulator.Tests;

/// <summary>
/// A live server (issue 13): tasks created while a client pages (<c>--grow-per-page</c>, <c>--grow-at</c>) and
/// answers to side-by-side page requests that come back out of order (<c>--out-of-order</c>). Asserted on the
/// HTTP answers and the simulator's own list.
/// </summary>
public sealed class LiveListingTests
{
    private static async Task<Sim> StartAsync(Action<SimulatorOptions> configure, int tasks = 60)
    {
        var sim = await Sim.StartAsync(o => { o.TaskCount = tasks; configure(o); });
        await sim.LoginAsync();
        return sim;
    }

    private static async Task<List<string>> TruthAsync(Sim sim)
    {
        using var control = await sim.ControlAsync(HttpMethod.Get, "/_sim/tasks");
        return JsonSerializer.Deserialize<List<string>>(await control.Content.ReadAsStringAsync())!;
    }

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("elements").EnumerateArray().Select(Sim.Id)];

    private static int TotalElements(JsonElement page) => page.GetProperty("pageMetadata").GetProperty("totalElements").GetInt32();

    private static async Task<DateTimeOffset> CreatedAsync(Sim sim, string id) =>
        DateTimeOffset.Parse((await sim.GetAsync("/v1/tasks/" + id, "Task")).GetProperty("creationTimestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Growing_at_the_front_creates_3_newest_tasks_after_each_page_so_the_next_page_is_cut_from_a_list_shifted_by_3()
    {
        await using var sim = await StartAsync(o => { o.GrowPerPage = 3; o.GrowAt = "front"; });
        var start = await TruthAsync(sim);

        var first = await sim.GetAsync("/v1/tasks?pageNumber=0&pageSize=10");
        Assert.Equal(start.Take(10), Ids(first));
        Assert.Equal(60, TotalElements(first));

        var now = await TruthAsync(sim);
        Assert.Equal(63, now.Count);
        Assert.Equal(start, now.Skip(3)); // the 3 new ones are first, everything else one page-worth of 3 further down
        Assert.All(now.Take(3), id => Assert.DoesNotContain(id, start));
        var created = new List<DateTimeOffset>();
        foreach (var id in now.Take(4))
        {
            created.Add(await CreatedAsync(sim, id));
        }

        Assert.True(created[0] > created[1] && created[1] > created[2] && created[2] > created[3], string.Join(", ", created));

        // Page 1, asked second, after 3 more (the single reads above are not listings and created none).
        var second = await sim.GetAsync("/v1/tasks?pageNumber=1&pageSize=10");
        Assert.Equal(63, TotalElements(second));
        Assert.Equal(start.Skip(7).Take(10), Ids(second)); // start[7..9] again: already seen on page 0
        Assert.Equal(66, (await TruthAsync(sim)).Count);
    }

    [Fact]
    public async Task Growing_at_the_end_creates_tasks_older_than_every_task_so_pages_read_stay_as_they_were_and_the_list_gets_longer()
    {
        await using var sim = await StartAsync(o => { o.GrowPerPage = 3; o.GrowAt = "end"; });
        var start = await TruthAsync(sim);

        Assert.Equal(start.Take(10), Ids(await sim.GetAsync("/v1/tasks?pageNumber=0&pageSize=10")));
        var again = await sim.GetAsync("/v1/tasks?pageNumber=0&pageSize=10");
        Assert.Equal(start.Take(10), Ids(again));
        Assert.Equal(63, TotalElements(again));

        var now = await TruthAsync(sim);
        Assert.Equal(66, now.Count);
        Assert.Equal(start, now.Take(60));
        var oldestBefore = await CreatedAsync(sim, start[^1]);
        var added = new List<DateTimeOffset>();
        foreach (var id in now.Skip(60))
        {
            added.Add(await CreatedAsync(sim, id));
        }

        Assert.All(added, t => Assert.True(t < oldestBefore, $"{t} is not older than {oldestBefore}"));
        Assert.Equal(added.OrderByDescending(t => t), added);
        // The last page holds them: 66 tasks, page 6 of 10 is the last 6 (asked after 2 requests, so 66 then).
        var last = await sim.GetAsync("/v1/tasks?pageNumber=6&pageSize=10");
        Assert.Equal(now.Skip(60), Ids(last));
    }

    [Fact]
    public async Task Growth_is_the_same_for_a_seed_and_new_tasks_match_the_filters_they_should()
    {
        async Task<List<string>> Grown()
        {
            await using var sim = await StartAsync(o => { o.GrowPerPage = 40; o.Seed = 5; });
            _ = await sim.GetAsync("/v1/tasks?pageSize=1");
            var failed = await sim.AllTasksAsync("/v1/tasks?taskStatus=FAILED");
            Assert.All(failed, t => Assert.Equal("FAILED", Sim.Norm(t)));
            return [.. (await TruthAsync(sim)).Take(80)];
        }

        var one = await Grown();
        Assert.Equal(one, await Grown());
        Assert.Equal(80, one.Distinct().Count());
    }

    [Fact]
    public async Task Out_of_order_answers_pages_asked_side_by_side_last_arrived_first()
    {
        // One new task at the front after each answer tells in which order the pages were cut: a page cut after k
        // answers starts k places earlier in the list it was cut from.
        await using var sim = await StartAsync(o => { o.OutOfOrderMs = 1500; o.GrowPerPage = 1; });
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => sim.GetAsync("/v1/tasks?pageSize=1"))); // four connections open
        var start = await TruthAsync(sim);
        using (await sim.ControlAsync(HttpMethod.Delete, "/_sim/requests"))
        {
        }

        var pages = await Task.WhenAll(Enumerable.Range(0, 4).Select(n => sim.GetAsync($"/v1/tasks?pageSize=10&pageNumber={n}")));

        int CutAfter(int n)
        {
            var ids = Ids(pages[n]);
            return n == 0 ? ids.Count(id => !start.Contains(id)) : (10 * n) - start.IndexOf(ids[0]);
        }

        var log = (await sim.RequestLogAsync()).EnumerateArray()
            .Where(r => r.GetProperty("path").GetString() == "/v1/tasks")
            .OrderBy(r => r.GetProperty("seq").GetInt64())
            .Select(r => int.Parse(r.GetProperty("query").GetString()!.Split("pageNumber=")[1], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(4, log.Distinct().Count());
        // Held together and cut one at a time, the last to arrive first. (Two requests that reach the server within a
        // moment of each other may be logged in one order and queued in the other, so only the ends are pinned.)
        var cut = log.Select(CutAfter).ToList();
        Assert.Equal([0, 1, 2, 3], cut.OrderBy(n => n));
        Assert.Equal(0, cut[^1]);
        Assert.NotEqual(0, cut[0]);
        Assert.Equal(64 + 4, (await TruthAsync(sim)).Count);
    }

    [Fact]
    public async Task Out_of_order_without_growth_answers_every_page_as_asked()
    {
        await using var sim = await StartAsync(o => o.OutOfOrderMs = 50, tasks: 95);
        var truth = await TruthAsync(sim);
        var pages = await Task.WhenAll(Enumerable.Range(0, 10).Select(n => sim.GetAsync($"/v1/tasks?pageSize=10&pageNumber={n}")));
        Assert.Equal(truth, pages.SelectMany(Ids));
        await sim.ErrorAsync(HttpMethod.Get, "/v1/tasks?pageSize=0", System.Net.HttpStatusCode.BadRequest, "TA_INVALID_PARAMETER");
    }
}

namespace VcfTasks.Simulator.Tests;

/// <summary>
/// The listing keeps its selection between pages (issue 8, part 2) and never serves a stale one: each change a
/// filter or an order can see shows in the very next listing.
/// </summary>
public sealed class ListingScaleTests
{
    private const string SeedFailed = "389c2fb6-3cea-47d7-b830-e701f4cf9aed";
    private const int StepMs = 500;

    private static async Task<List<string>> IdsAsync(Sim sim, string query)
    {
        var page = await sim.GetAsync("/v1/tasks?" + query);
        return [.. page.GetProperty("elements").EnumerateArray().Select(Sim.Id)];
    }

    private static async Task<List<string>> AllPagesAsync(Sim sim, string query, int pageSize)
    {
        var ids = new List<string>();
        for (var n = 0; ; n++)
        {
            var page = await sim.GetAsync($"/v1/tasks?{query}&pageSize={pageSize}&pageNumber={n}");
            ids.AddRange(page.GetProperty("elements").EnumerateArray().Select(Sim.Id));
            if (n + 1 >= page.GetProperty("pageMetadata").GetProperty("totalPages").GetInt32())
            {
                return ids;
            }
        }
    }

    [Fact]
    public async Task Every_page_of_a_listing_is_cut_from_one_selection_that_equals_the_unpaged_listing()
    {
        await using var sim = await Sim.StartAsync(o => o.TaskCount = 500);
        await sim.LoginAsync();

        var paged = await AllPagesAsync(sim, "orderBy=name&orderDirection=ASC", 7);
        var unpaged = await IdsAsync(sim, "orderBy=name&orderDirection=ASC");

        Assert.Equal(unpaged, paged);
        Assert.Equal(sim.Instance.TaskCount, paged.Distinct().Count());
        // 72 pages and one unpaged listing with the same filter and order: one selection, made once.
        Assert.Equal(1, sim.Instance.ListingSelections);
    }

    [Fact]
    public async Task A_retry_and_the_end_of_its_run_show_in_the_next_filtered_and_ordered_listing()
    {
        var clock = new ManualClock();
        await using var sim = await Sim.StartAsync(o => { o.StepMs = StepMs; o.RetryFailurePercent = 0; o.TimeProvider = clock; });
        await sim.LoginAsync();
        // Listed first, so that a selection without the retried task is kept.
        Assert.Contains(SeedFailed, await IdsAsync(sim, "taskStatus=FAILED"));
        Assert.DoesNotContain(SeedFailed, await IdsAsync(sim, "taskStatus=IN_PROGRESS"));
        var byCompletion = await IdsAsync(sim, "orderBy=completionTimestamp&orderDirection=DESC");
        Assert.NotEqual(SeedFailed, byCompletion[0]);

        using (await sim.SendAsync(HttpMethod.Patch, "/v1/tasks/" + SeedFailed))
        {
        }

        Assert.DoesNotContain(SeedFailed, await IdsAsync(sim, "taskStatus=FAILED"));
        Assert.Contains(SeedFailed, await IdsAsync(sim, "taskStatus=IN_PROGRESS"));

        // The run ends by time alone (no request touches the task): the listings see it all the same.
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.DoesNotContain(SeedFailed, await IdsAsync(sim, "taskStatus=IN_PROGRESS"));
        Assert.Contains(SeedFailed, await IdsAsync(sim, "taskStatus=SUCCESSFUL"));
        Assert.Equal(SeedFailed, (await IdsAsync(sim, "orderBy=completionTimestamp&orderDirection=DESC"))[0]);
    }

    [Fact]
    public async Task A_cancel_shows_in_the_next_filtered_listing()
    {
        var clock = new ManualClock();
        await using var sim = await Sim.StartAsync(o => { o.StepMs = StepMs; o.RetryFailurePercent = 0; o.TimeProvider = clock; });
        await sim.LoginAsync();
        using (await sim.SendAsync(HttpMethod.Patch, "/v1/tasks/" + SeedFailed))
        {
        }

        Assert.Contains(SeedFailed, await IdsAsync(sim, "taskStatus=IN_PROGRESS"));
        using (await sim.SendAsync(HttpMethod.Delete, "/v1/tasks/" + SeedFailed))
        {
        }

        Assert.DoesNotContain(SeedFailed, await IdsAsync(sim, "taskStatus=IN_PROGRESS"));
        Assert.Contains(SeedFailed, await IdsAsync(sim, "taskStatus=CANCELLED"));
    }
}

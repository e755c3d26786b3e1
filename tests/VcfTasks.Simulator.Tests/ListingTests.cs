using System.Net;
using System.Text.Json;

namespace VcfTasks.Simulator.Tests;

public sealed class ListingTests(SharedSimFixture fixture) : IClassFixture<SharedSimFixture>
{
    private Sim Sim => fixture.Sim;

    [Fact]
    public async Task Without_pageSize_every_task_comes_in_one_page_with_matching_metadata()
    {
        var page = await Sim.GetAsync("/v1/tasks");
        var meta = page.GetProperty("pageMetadata");
        Assert.Equal(250, page.GetProperty("elements").GetArrayLength());
        Assert.Equal(0, meta.GetProperty("pageNumber").GetInt32());
        Assert.Equal(250, meta.GetProperty("pageSize").GetInt32());
        Assert.Equal(250, meta.GetProperty("totalElements").GetInt32());
        Assert.Equal(1, meta.GetProperty("totalPages").GetInt32());
    }

    [Fact]
    public async Task Pages_count_from_zero_and_together_hold_every_id_once_in_the_default_order()
    {
        var ids = new List<string>();
        for (var n = 0; n < 3; n++)
        {
            var page = await Sim.GetAsync($"/v1/tasks?pageSize=100&pageNumber={n}");
            var meta = page.GetProperty("pageMetadata");
            Assert.Equal(n, meta.GetProperty("pageNumber").GetInt32());
            Assert.Equal(100, meta.GetProperty("pageSize").GetInt32());
            Assert.Equal(250, meta.GetProperty("totalElements").GetInt32());
            Assert.Equal(3, meta.GetProperty("totalPages").GetInt32());
            ids.AddRange(page.GetProperty("elements").EnumerateArray().Select(Sim.Id));
        }

        Assert.Equal(250, ids.Distinct().Count());
        using var control = await Sim.ControlAsync(HttpMethod.Get, "/_sim/tasks");
        var expected = JsonSerializer.Deserialize<List<string>>(await control.Content.ReadAsStringAsync());
        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task A_page_past_the_end_is_200_and_empty()
    {
        var page = await Sim.GetAsync("/v1/tasks?pageSize=100&pageNumber=7");
        Assert.Equal(0, page.GetProperty("elements").GetArrayLength());
        Assert.Equal(3, page.GetProperty("pageMetadata").GetProperty("totalPages").GetInt32());
    }

    [Fact]
    public async Task PageSize_above_100_is_clamped_to_100()
    {
        var page = await Sim.GetAsync("/v1/tasks?pageSize=1000");
        Assert.Equal(100, page.GetProperty("elements").GetArrayLength());
        Assert.Equal(100, page.GetProperty("pageMetadata").GetProperty("pageSize").GetInt32());
    }

    [Theory]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=-5")]
    [InlineData("pageSize=ten")]
    [InlineData("pageNumber=-1")]
    [InlineData("pageNumber=x")]
    [InlineData("limit=abc")]
    [InlineData("completedAfter=yesterday")]
    [InlineData("orderBy=color")]
    [InlineData("orderDirection=UP")]
    [InlineData("doLiveRefresh=maybe")]
    public async Task Bad_query_values_get_400_TA_INVALID_PARAMETER(string query)
    {
        await Sim.ErrorAsync(HttpMethod.Get, "/v1/tasks?" + query, HttpStatusCode.BadRequest, "TA_INVALID_PARAMETER");
    }

    [Fact]
    public async Task Limit_caps_the_matches_and_doLiveRefresh_is_accepted()
    {
        var page = await Sim.GetAsync("/v1/tasks?limit=7&doLiveRefresh=true");
        Assert.Equal(7, page.GetProperty("elements").GetArrayLength());
        Assert.Equal(7, page.GetProperty("pageMetadata").GetProperty("totalElements").GetInt32());
    }

    [Theory]
    [InlineData("FAILED", "Failed")]
    [InlineData("IN_PROGRESS", "In Progress")]
    [InlineData("SUCCESSFUL", "Successful")]
    public async Task TaskStatus_matches_both_spellings(string filter, string titleCase)
    {
        var all = await Sim.AllTasksAsync();
        var expected = all.Where(t => Sim.Norm(t) == filter).Select(Sim.Id).ToHashSet();
        foreach (var spelling in new[] { filter, titleCase, filter.ToLowerInvariant() })
        {
            var found = (await Sim.GetAsync("/v1/tasks?taskStatus=" + Uri.EscapeDataString(spelling))).GetProperty("elements").EnumerateArray().ToList();
            Assert.Equal(expected, found.Select(Sim.Id).ToHashSet());
            var statuses = found.Select(t => t.GetProperty("status").GetString()).ToHashSet();
            Assert.Contains(filter, statuses);
            Assert.Contains(titleCase, statuses);
        }
    }

    [Fact]
    public async Task TaskType_is_a_case_insensitive_equals()
    {
        var all = await Sim.AllTasksAsync();
        var expected = all.Where(t => t.TryGetProperty("type", out var ty) && ty.GetString() == "HOST_COMMISSION").Select(Sim.Id).ToHashSet();
        Assert.NotEmpty(expected);
        var found = await Ids("/v1/tasks?taskType=host_commission");
        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task ResourceId_and_resourceType_match_any_resource_of_the_task()
    {
        var all = await Sim.AllTasksAsync();
        var withDomain = all.First(t => t.GetProperty("resources").GetArrayLength() > 1);
        var second = withDomain.GetProperty("resources")[1];
        Assert.Contains(Sim.Id(withDomain), await Ids("/v1/tasks?resourceId=" + second.GetProperty("resourceId").GetString()));

        var expected = all.Where(t => t.GetProperty("resources").EnumerateArray().Any(r => r.GetProperty("type").GetString() == "DOMAIN"))
            .Select(Sim.Id).ToHashSet();
        Assert.Contains(Sim.Id(withDomain), expected);
        Assert.Equal(expected, await Ids("/v1/tasks?resourceType=domain"));
    }

    [Fact]
    public async Task TaskName_is_a_case_insensitive_contains()
    {
        var all = await Sim.AllTasksAsync();
        var expected = all.Where(t => t.GetProperty("name").GetString()!.Contains("commissioning", StringComparison.OrdinalIgnoreCase))
            .Select(Sim.Id).ToHashSet();
        Assert.True(expected.Count > 1);
        Assert.Equal(expected, await Ids("/v1/tasks?taskName=COMMISSIONING"));
    }

    [Fact]
    public async Task CompletedAfter_keeps_tasks_completed_strictly_after_the_epoch_ms()
    {
        var all = await Sim.AllTasksAsync();
        var completions = all.Where(t => t.TryGetProperty("completionTimestamp", out _))
            .Select(t => DateTimeOffset.Parse(t.GetProperty("completionTimestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(d => d).ToList();
        var pivot = completions[completions.Count / 2];
        var expected = all.Where(t => t.TryGetProperty("completionTimestamp", out var c)
                && DateTimeOffset.Parse(c.GetString()!, System.Globalization.CultureInfo.InvariantCulture) > pivot)
            .Select(Sim.Id).ToHashSet();
        var found = await Ids("/v1/tasks?completedAfter=" + pivot.ToUnixTimeMilliseconds());
        Assert.Equal(expected, found);
        Assert.DoesNotContain(all.First(t => t.TryGetProperty("completionTimestamp", out var c) && c.GetString() == Format(pivot)).GetProperty("id").GetString()!, found);
    }

    [Fact]
    public async Task Filters_combine_and_page()
    {
        var all = await Sim.AllTasksAsync();
        var expected = all.Where(t => Sim.Norm(t) == "FAILED"
                && t.GetProperty("resources").EnumerateArray().Any(r => r.GetProperty("type").GetString() == "HOST")).Select(Sim.Id).ToList();
        var page = await Sim.GetAsync("/v1/tasks?taskStatus=FAILED&resourceType=HOST&pageSize=2&pageNumber=0");
        Assert.Equal(expected.Count, page.GetProperty("pageMetadata").GetProperty("totalElements").GetInt32());
        Assert.Equal((expected.Count + 1) / 2, page.GetProperty("pageMetadata").GetProperty("totalPages").GetInt32());
        Assert.Equal(expected.Take(2), page.GetProperty("elements").EnumerateArray().Select(Sim.Id));
    }

    [Fact]
    public async Task Default_order_is_creationTimestamp_descending_then_id()
    {
        var all = await Sim.AllTasksAsync();
        var keys = all.Select(t => (Created: Parse(t, "creationTimestamp"), Id: Sim.Id(t))).ToList();
        var sorted = keys.OrderByDescending(k => k.Created).ThenBy(k => k.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(sorted, keys);
        Assert.Equal("63eb8b2c-c3b9-4aed-919a-26ac1315d359", keys[^1].Id); // 1970: the oldest
    }

    [Fact]
    public async Task OrderBy_name_status_and_completionTimestamp_in_both_directions()
    {
        var byName = (await Sim.AllTasksAsync("/v1/tasks?orderBy=name&orderDirection=ASC")).Select(t => t.GetProperty("name").GetString()!).ToList();
        Assert.Equal(byName.OrderBy(n => n, StringComparer.Ordinal), byName);

        var byStatus = (await Sim.AllTasksAsync("/v1/tasks?orderBy=status&orderDirection=DESC")).Select(Sim.Norm).ToList();
        Assert.Equal(byStatus.OrderByDescending(s => s, StringComparer.Ordinal), byStatus);

        var byCompletion = (await Sim.AllTasksAsync("/v1/tasks?orderBy=completionTimestamp&orderDirection=asc")).ToList();
        var completed = byCompletion.TakeWhile(t => t.TryGetProperty("completionTimestamp", out _)).Select(t => Parse(t, "completionTimestamp")).ToList();
        Assert.Equal(completed.Order(), completed);
        Assert.All(byCompletion.Skip(completed.Count), t => Assert.False(t.TryGetProperty("completionTimestamp", out _)));
    }

    [Fact]
    public async Task Get_by_id_returns_the_task_and_an_unknown_id_gives_404_TA_TASK_NOT_FOUND()
    {
        var task = await Sim.GetAsync("/v1/tasks/389c2fb6-3cea-47d7-b830-e701f4cf9aed", "Task");
        Assert.Equal("Failed", task.GetProperty("status").GetString());

        var error = await Sim.ErrorAsync(HttpMethod.Get, "/v1/tasks/00000000-0000-0000-0000-000000000000", HttpStatusCode.NotFound, "TA_TASK_NOT_FOUND");
        Assert.Equal("Task with id 00000000-0000-0000-0000-000000000000 not found", error.GetProperty("message").GetString());
        await Sim.ErrorAsync(HttpMethod.Patch, "/v1/tasks/nope", HttpStatusCode.NotFound, "TA_TASK_NOT_FOUND");
        await Sim.ErrorAsync(HttpMethod.Delete, "/v1/tasks/nope", HttpStatusCode.NotFound, "TA_TASK_NOT_FOUND");
    }

    [Fact]
    public async Task Every_task_validates_one_by_one_against_the_Task_schema()
    {
        foreach (var id in (await Sim.AllTasksAsync()).Select(Sim.Id).Take(40))
        {
            await Sim.GetAsync("/v1/tasks/" + id, "Task");
        }
    }

    private async Task<HashSet<string>> Ids(string path) =>
        (await Sim.GetAsync(path)).GetProperty("elements").EnumerateArray().Select(Sim.Id).ToHashSet();

    private static DateTimeOffset Parse(JsonElement t, string name) =>
        DateTimeOffset.Parse(t.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

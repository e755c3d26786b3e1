using System.Text.Json;

namespace VcfTasks.Simulator.Tests;

/// <summary>--junk-elements: two broken records among the tasks, read as raw JSON.</summary>
public sealed class JunkElementsTests
{
    private static async Task<JsonElement> RawAsync(Sim sim, string path)
    {
        using var response = await sim.SendAsync(HttpMethod.Get, path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static bool IsTask(JsonElement e) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out _);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_listing_holds_one_bare_number_and_one_FAILED_task_without_an_id_mid_listing_counted_in_paging(bool quirks)
    {
        await using var sim = await Sim.StartAsync(o => { o.TaskCount = 60; o.JunkElements = true; o.Quirks = quirks; });
        await sim.LoginAsync();
        var all = (await RawAsync(sim, "/v1/tasks")).GetProperty("elements").EnumerateArray().ToList();
        Assert.Equal(62, all.Count);
        var number = Assert.Single(all, e => !IsTask(e) && e.ValueKind == JsonValueKind.Number);
        Assert.Equal(404, number.GetInt32());
        var nameless = Assert.Single(all, e => e.ValueKind == JsonValueKind.Object && !e.TryGetProperty("id", out _));
        Assert.Equal("FAILED", Sim.Norm(nameless));
        Assert.Equal(60, all.Count(IsTask));
        var junkAt = all.Select((e, i) => (e, i)).Where(x => !IsTask(x.e)).Select(x => x.i).ToList();
        Assert.All(junkAt, i => Assert.InRange(i, 1, 60));

        // Records like any other: they fill pages and count in totalElements.
        var first = await RawAsync(sim, "/v1/tasks?pageSize=31&pageNumber=0");
        var second = await RawAsync(sim, "/v1/tasks?pageSize=31&pageNumber=1");
        Assert.Equal(62, first.GetProperty("pageMetadata").GetProperty("totalElements").GetInt32());
        Assert.Equal(2, first.GetProperty("pageMetadata").GetProperty("totalPages").GetInt32());
        var paged = first.GetProperty("elements").EnumerateArray().Concat(second.GetProperty("elements").EnumerateArray()).ToList();
        Assert.Equal(all.Select(e => e.GetRawText()), paged.Select(e => e.GetRawText()));

        var failed = (await RawAsync(sim, "/v1/tasks?taskStatus=FAILED")).GetProperty("elements").EnumerateArray().ToList();
        Assert.Single(failed, e => !IsTask(e));
    }

    [Fact]
    public async Task Without_the_option_every_element_is_a_task_with_an_id()
    {
        await using var sim = await Sim.StartAsync(o => o.TaskCount = 60);
        await sim.LoginAsync();
        Assert.All((await RawAsync(sim, "/v1/tasks")).GetProperty("elements").EnumerateArray(), e => Assert.True(IsTask(e)));
        Assert.True(OptionsParser.Parse(["--junk-elements"]).JunkElements);
        Assert.Contains("[--junk-elements]", OptionsParser.Usage);
    }
}

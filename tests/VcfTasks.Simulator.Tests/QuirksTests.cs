using System.Text.Json;

namespace VcfTasks.Simulator.Tests;

/// <summary>--quirks: a server that is not ours. Its answers are read as raw JSON, never against the schema.</summary>
public sealed class QuirksTests
{
    private static readonly string[] ListedStatuses =
    [
        "PENDING", "Pending", "IN_PROGRESS", "In Progress", "SUCCESSFUL", "Successful", "FAILED", "Failed",
        "CANCELLED", "Cancelled", "COMPLETED_WITH_WARNING", "SKIPPED",
    ];

    private static async Task<(Sim Sim, JsonElement Page)> StartAndListAsync(Action<SimulatorOptions> configure, string path = "/v1/tasks?pageSize=100")
    {
        var sim = await Sim.StartAsync(configure);
        await sim.LoginAsync();
        return (sim, await RawAsync(sim, path));
    }

    private static async Task<JsonElement> RawAsync(Sim sim, string path)
    {
        using var response = await sim.SendAsync(HttpMethod.Get, path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Every object of the task tree, with the schema it stands for.</summary>
    private static IEnumerable<(string Schema, JsonElement Value)> Objects(JsonElement task)
    {
        yield return ("Task", task);
        foreach (var e in Children(task, "errors")) { foreach (var x in ErrorObjects(e)) yield return x; }
        foreach (var r in Children(task, "resources")) yield return ("Resource", r);
        if (task.TryGetProperty("localizableDescriptionPack", out var pack) && pack.ValueKind == JsonValueKind.Object) yield return ("MessagePack", pack);
        foreach (var s in Children(task, "subTasks")) { foreach (var x in SubTaskObjects(s)) yield return x; }
    }

    private static IEnumerable<(string, JsonElement)> SubTaskObjects(JsonElement sub)
    {
        yield return ("SubTask", sub);
        foreach (var st in Children(sub, "stages"))
        {
            yield return ("Stage", st);
            foreach (var e in Children(st, "errors")) { foreach (var x in ErrorObjects(e)) yield return x; }
        }

        foreach (var e in Children(sub, "errors")) { foreach (var x in ErrorObjects(e)) yield return x; }
        foreach (var r in Children(sub, "resources")) yield return ("Resource", r);
        foreach (var s in Children(sub, "subTasks")) { foreach (var x in SubTaskObjects(s)) yield return x; }
    }

    private static IEnumerable<(string, JsonElement)> ErrorObjects(JsonElement error)
    {
        yield return ("Error", error);
        foreach (var c in Children(error, "causes")) yield return ("ErrorCause", c);
        foreach (var n in Children(error, "nestedErrors")) { foreach (var x in ErrorObjects(n)) yield return x; }
    }

    private static IEnumerable<JsonElement> Children(JsonElement o, string name) =>
        o.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
            : [];

    private static readonly Lazy<Dictionary<string, HashSet<string>>> SchemaProperties = new(() =>
    {
        using var spec = JsonDocument.Parse(File.ReadAllBytes(RepoPaths.OpenApi));
        return spec.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject()
            .Where(s => s.Value.TryGetProperty("properties", out _))
            .ToDictionary(s => s.Name, s => s.Value.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet());
    });

    private static bool HasUnknownField(string schema, JsonElement o) =>
        o.EnumerateObject().Any(p => !SchemaProperties.Value[schema].Contains(p.Name));

    [Fact]
    public async Task Quirks_tasks_carry_unknown_fields_on_every_object_at_every_depth_and_so_do_the_page_and_its_metadata()
    {
        var (sim, page) = await StartAndListAsync(o => { o.Quirks = true; o.TaskCount = 100; });
        await using var _ = sim;
        Assert.True(HasUnknownField("PageOfTask", page), page.ToString()[..200]);
        Assert.True(HasUnknownField("PageMetadata", page.GetProperty("pageMetadata")));

        var objects = page.GetProperty("elements").EnumerateArray().SelectMany(Objects).ToList();
        var bySchema = objects.GroupBy(o => o.Schema).ToDictionary(g => g.Key, g => g.Select(x => x.Value).ToList());
        Assert.Equal(["Error", "ErrorCause", "MessagePack", "Resource", "Stage", "SubTask", "Task"], bySchema.Keys.Order());
        foreach (var (schema, value) in objects)
        {
            Assert.True(HasUnknownField(schema, value), $"{schema} without an unknown field: {value}");
        }
    }

    [Fact]
    public async Task Quirks_tasks_hold_explicit_nulls_wrong_kinds_and_every_timestamp_form_but_always_a_text_id_and_status()
    {
        var (sim, page) = await StartAndListAsync(o => { o.Quirks = true; o.TaskCount = 300; });
        await using var _ = sim;
        var tasks = page.GetProperty("elements").EnumerateArray().ToList();
        Assert.Equal(100, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(JsonValueKind.String, t.GetProperty("id").ValueKind));
        Assert.All(tasks, t => Assert.Equal(JsonValueKind.String, t.GetProperty("status").ValueKind));

        JsonValueKind Kind(JsonElement t, string name) => t.TryGetProperty(name, out var v) ? v.ValueKind : JsonValueKind.Undefined;

        // Explicit nulls where a plain server leaves the field out: a running task's completion, absent lists.
        var running = tasks.Where(t => Sim.Norm(t) is "IN_PROGRESS" or "PENDING").ToList();
        Assert.NotEmpty(running);
        Assert.All(running, t => Assert.Equal(JsonValueKind.Null, Kind(t, "completionTimestamp")));
        Assert.Contains(tasks, t => Kind(t, "subTasks") == JsonValueKind.Null);
        Assert.Contains(tasks, t => Kind(t, "errors") == JsonValueKind.Null);
        Assert.Contains(tasks, t => Kind(t, "localizableDescriptionPack") == JsonValueKind.Null);

        // Values of the wrong kind in optional fields.
        foreach (var kind in new[] { JsonValueKind.Number, JsonValueKind.True, JsonValueKind.Object, JsonValueKind.Array })
        {
            Assert.Contains(tasks, t => Kind(t, "name") == kind || Kind(t, "type") == kind || Kind(t, "resolutionStatus") == kind);
        }

        var flags = tasks.SelectMany(t => new[] { "isRetryable", "isCancellable" }.Select(f => t.GetProperty(f))).ToList();
        Assert.Contains(flags, f => f.ValueKind == JsonValueKind.String && f.GetString() == "true");
        Assert.Contains(flags, f => f.ValueKind == JsonValueKind.String && f.GetString() == "false");
        Assert.Contains(flags, f => f.ValueKind == JsonValueKind.Number && f.GetInt32() == 1);
        Assert.Contains(flags, f => f.ValueKind == JsonValueKind.Number && f.GetInt32() == 0);
        Assert.Contains(flags, f => f.ValueKind == JsonValueKind.Object);
        Assert.Contains(flags, f => f.ValueKind == JsonValueKind.Array);
        Assert.Contains(flags, f => f.ValueKind == JsonValueKind.Null);
        Assert.Contains(tasks, t => Kind(t, "localizableDescriptionPack") == JsonValueKind.String);
        Assert.Contains(tasks, t => Children(t, "subTasks").Any(s => Kind(s, "description") is JsonValueKind.Number or JsonValueKind.Object));
        Assert.Contains(tasks, t => Kind(t, "subTasks") == JsonValueKind.Array && t.GetProperty("subTasks").EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Null));

        // Timestamps in every form, at task level alone.
        var stamps = tasks.SelectMany(t => new[] { "creationTimestamp", "completionTimestamp" }.Select(f => t.GetProperty(f))).ToList();
        string[] patterns = [@"\.\d{3}Z$", @"\.\d{3}\+00:00$", @"\.\d{3}\+0000$", @"T\d\d:\d\d:\d\d\.\d{3}$", "^not a timestamp$"];
        foreach (var pattern in patterns)
        {
            Assert.Contains(stamps, s => s.ValueKind == JsonValueKind.String && System.Text.RegularExpressions.Regex.IsMatch(s.GetString()!, pattern));
        }

        Assert.Contains(stamps, s => s.ValueKind == JsonValueKind.Number && s.GetInt64() > 1_700_000_000_000);
        Assert.Contains(stamps, s => s.ValueKind == JsonValueKind.Object);
    }

    [Fact]
    public async Task Quirks_statuses_come_in_every_spelling_the_spec_lists_and_sub_tasks_add_NOT_APPLICABLE()
    {
        var (sim, page) = await StartAndListAsync(o => { o.Quirks = true; o.TaskCount = 300; }, "/v1/tasks");
        await using var _ = sim;
        var tasks = page.GetProperty("elements").EnumerateArray().ToList();
        var spellings = tasks.Select(t => t.GetProperty("status").GetString()!).ToHashSet();
        Assert.All(ListedStatuses, s => Assert.Contains(s, spellings));
        Assert.Subset(ListedStatuses.ToHashSet(), spellings);

        var subStatuses = tasks.SelectMany(t => Children(t, "subTasks")).Select(s => s.GetProperty("status").GetString()!).ToHashSet();
        Assert.Contains("NOT_APPLICABLE", subStatuses);
        Assert.Contains("Successful", subStatuses);
        Assert.Contains("SUCCESSFUL", subStatuses);
    }

    [Fact]
    public async Task Quirks_change_only_the_writing_the_same_tasks_in_the_same_order_with_the_same_states_as_a_plain_server()
    {
        var (quirky, q) = await StartAndListAsync(o => { o.Quirks = true; o.TaskCount = 300; }, "/v1/tasks");
        await using var _ = quirky;
        var (plain, p) = await StartAndListAsync(o => o.TaskCount = 300, "/v1/tasks");
        await using var __ = plain;
        var qt = q.GetProperty("elements").EnumerateArray().ToList();
        var pt = p.GetProperty("elements").EnumerateArray().ToList();
        Assert.Equal(pt.Select(Sim.Id), qt.Select(Sim.Id));
        for (var i = 0; i < pt.Count; i++)
        {
            // The one change of state: about one SUCCESSFUL task in ten is SKIPPED, the listed status the generator never makes.
            var expected = Sim.Norm(qt[i]) == "SKIPPED" && Sim.Norm(pt[i]) == "SUCCESSFUL" ? "SKIPPED" : Sim.Norm(pt[i]);
            Assert.Equal(expected, Sim.Norm(qt[i]));
        }

        // The server's filters see the truth, whatever the spelling on the wire.
        var failed = (await RawAsync(quirky, "/v1/tasks?taskStatus=FAILED")).GetProperty("elements").EnumerateArray().Select(Sim.Id);
        Assert.Equal(pt.Where(t => Sim.Norm(t) == "FAILED").Select(Sim.Id), failed);
        var skipped = (await RawAsync(quirky, "/v1/tasks?taskStatus=SKIPPED")).GetProperty("elements").EnumerateArray().ToList();
        Assert.InRange(skipped.Count, 5, 40);
        Assert.All(skipped, t => Assert.Equal("SKIPPED", t.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Quirks_are_deterministic_for_a_seed_in_listings_and_single_reads_and_another_seed_differs()
    {
        async Task<(byte[] List, byte[] One)> Bytes(int seed)
        {
            await using var sim = await Sim.StartAsync(o => { o.Quirks = true; o.TaskCount = 120; o.Seed = seed; });
            await sim.LoginAsync();
            using var list = await sim.SendAsync(HttpMethod.Get, "/v1/tasks?pageSize=50&pageNumber=1");
            using var one = await sim.SendAsync(HttpMethod.Get, "/v1/tasks/389c2fb6-3cea-47d7-b830-e701f4cf9aed");
            return (await list.Content.ReadAsByteArrayAsync(), await one.Content.ReadAsByteArrayAsync());
        }

        var a = await Bytes(7);
        var b = await Bytes(7);
        var c = await Bytes(8);
        Assert.Equal(a.List, b.List);
        Assert.Equal(a.One, b.One);
        Assert.NotEqual(a.List, c.List);
    }

    [Fact]
    public async Task A_single_task_read_is_written_as_it_is_in_the_listing()
    {
        var (sim, page) = await StartAndListAsync(o => { o.Quirks = true; o.TaskCount = 40; }, "/v1/tasks");
        await using var _ = sim;
        foreach (var t in page.GetProperty("elements").EnumerateArray().Take(10))
        {
            using var one = await sim.SendAsync(HttpMethod.Get, "/v1/tasks/" + Sim.Id(t));
            Assert.Equal(t.GetRawText(), JsonDocument.Parse(await one.Content.ReadAsStringAsync()).RootElement.GetRawText());
        }
    }

    [Fact]
    public async Task Without_quirks_nothing_is_written_as_an_explicit_null_and_every_answer_is_valid_against_the_schema()
    {
        await using var sim = await Sim.StartAsync(o => o.TaskCount = 300);
        await sim.LoginAsync();
        var page = await sim.GetAsync("/v1/tasks"); // validated against PageOfTask
        Assert.DoesNotContain(":null", page.GetRawText());
        Assert.Equal(300, page.GetProperty("elements").GetArrayLength());
        Assert.DoesNotContain(page.GetProperty("elements").EnumerateArray(), t => Sim.Norm(t) == "SKIPPED");
    }
}

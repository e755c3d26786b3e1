using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using VcfTasks.Core.Tests.Support;
using Xunit;

namespace VcfTasks.Core.Tests;

public class TaskPagerTests
{
    private static int PageNumber(SeenRequest r) => int.Parse(r.QueryPairs["pageNumber"], System.Globalization.CultureInfo.InvariantCulture);

    private static string[] Ids(string prefix, int from, int count) => Enumerable.Range(from, count).Select(i => prefix + i).ToArray();

    private static async Task<(FakeTransport Transport, TaskPager Pager)> ListAsync(Func<SeenRequest, System.Net.Http.HttpResponseMessage> server, TaskQuery query)
    {
        var transport = new FakeTransport(server);
        var connection = await Connect.OpenAsync(transport);
        return (transport, connection.Tasks.List(query));
    }

    [Fact]
    public async Task Follows_totalPages_and_stops_after_the_last_page_even_when_it_is_full()
    {
        var (transport, pager) = await ListAsync(r =>
        {
            int n = PageNumber(r);
            return Respond.Page(Ids("t", n * 2, 2).Select(id => Respond.Task(id)).ToArray(), n, 2, 6, 3);
        }, new TaskQuery { PageSize = 2 });

        var all = await Connect.AllAsync(pager);

        Assert.Equal(Ids("t", 0, 6), all.Select(t => t.Id));
        Assert.Equal(3, transport.Requests.Count);
        Assert.Equal(new[] { 0, 1, 2 }, transport.Requests.Select(PageNumber));
        Assert.Equal(3, pager.PagesFetched);
        Assert.Equal(6, pager.TotalElements);
    }

    [Fact]
    public async Task Stops_on_a_short_page()
    {
        var (transport, pager) = await ListAsync(r => PageNumber(r) switch
        {
            0 => Respond.PageOfIds("a", "b", "c"),
            1 => Respond.PageOfIds("d"),
            _ => throw new InvalidOperationException("page 2 must not be asked for"),
        }, new TaskQuery { PageSize = 3 });

        var all = await Connect.AllAsync(pager);

        Assert.Equal(new[] { "a", "b", "c", "d" }, all.Select(t => t.Id));
        // No count to check the listing against: page 0 is read once more at the end, and as it brings nothing new, it ends.
        Assert.Equal(new[] { 0, 1, 0 }, transport.Requests.Select(PageNumber));
    }

    [Fact]
    public async Task Stops_on_an_empty_page_and_then_returns_nothing_without_asking_again()
    {
        var (transport, pager) = await ListAsync(r => PageNumber(r) == 0 ? Respond.PageOfIds("a", "b") : Respond.PageOfIds(),
            new TaskQuery { PageSize = 2 });

        Assert.Equal(2, (await pager.NextPageAsync(Connect.Ct)).Count);
        Assert.False(pager.Finished);
        Assert.Empty(await pager.NextPageAsync(Connect.Ct));
        // No count to check the listing against: page 0 once more, nothing new, the end.
        Assert.False(pager.Finished);
        Assert.Empty(await pager.NextPageAsync(Connect.Ct));
        Assert.True(pager.Finished);
        Assert.Empty(await pager.NextPageAsync(Connect.Ct));
        Assert.Equal(new[] { 0, 1, 0 }, transport.Requests.Select(PageNumber));
    }

    [Fact]
    public async Task Missing_elements_end_the_listing()
    {
        var (transport, pager) = await ListAsync(_ => Respond.Json("{\"pageMetadata\":{\"totalPages\":5}}"), new TaskQuery());

        Assert.Empty(await Connect.AllAsync(pager));
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task Stops_with_a_warning_when_a_page_repeats_the_previous_page()
    {
        var sink = new TestLogSink();
        using (VcfLog.Use(sink))
        {
            // A server that ignores pageNumber: every page is the same full page.
            var (transport, pager) = await ListAsync(_ => Respond.PageOfIds("a", "b"), new TaskQuery { PageSize = 2 });

            var all = await Connect.AllAsync(pager);

            Assert.Equal(new[] { "a", "b" }, all.Select(t => t.Id));
            Assert.Equal(new[] { 0, 1 }, transport.Requests.Select(PageNumber));
        }
        var warning = Assert.Single(sink.At(VcfLogLevel.Warning));
        Assert.Contains("ignore paging", warning);
    }

    [Fact]
    public async Task Stops_with_a_warning_when_a_repeating_server_also_claims_more_pages()
    {
        var sink = new TestLogSink();
        using (VcfLog.Use(sink))
        {
            var (transport, pager) = await ListAsync(
                _ => Respond.Page(new[] { Respond.Task("a"), Respond.Task("b") }, 0, 2, 200, 100), new TaskQuery { PageSize = 2 });

            await Connect.AllAsync(pager);
            Assert.Equal(2, transport.Requests.Count);
        }
        Assert.Single(sink.At(VcfLogLevel.Warning));
    }

    [Fact]
    public async Task Stops_after_one_page_when_the_server_sends_more_than_pageSize()
    {
        var (transport, pager) = await ListAsync(_ => Respond.PageOfIds("a", "b", "c", "d", "e"), new TaskQuery { PageSize = 2 });

        var first = await pager.NextPageAsync(Connect.Ct);

        Assert.Equal(5, first.Count);
        Assert.True(pager.Finished);
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task Drops_a_task_already_returned_by_an_earlier_page()
    {
        // A task created during the listing shifts the list: "b" comes again at the top of page 1.
        var (_, pager) = await ListAsync(r => PageNumber(r) switch
        {
            0 => Respond.PageOfIds("a", "b"),
            1 => Respond.PageOfIds("B", "c"),
            _ => Respond.PageOfIds("d"),
        }, new TaskQuery { PageSize = 2 });

        var all = await Connect.AllAsync(pager);

        Assert.Equal(new[] { "a", "b", "c", "d" }, all.Select(t => t.Id));
    }

    [Fact]
    public async Task Drops_a_duplicate_within_one_page_and_skips_null_and_id_less_elements()
    {
        var (_, pager) = await ListAsync(_ => Respond.Json("{\"elements\":[{\"id\":\"a\",\"status\":\"FAILED\"},null,{\"status\":\"FAILED\"},{\"id\":\"a\",\"status\":\"FAILED\"},{\"id\":\"b\"}]}"),
            new TaskQuery { PageSize = 10 });

        Assert.Equal(new[] { "a", "b" }, (await Connect.AllAsync(pager)).Select(t => t.Id));
    }

    [Fact]
    public async Task Does_not_fetch_the_next_page_until_asked()
    {
        var (transport, pager) = await ListAsync(r => Respond.PageOfIds(Ids("p" + PageNumber(r) + "-", 0, 2)), new TaskQuery { PageSize = 2 });

        Assert.Empty(transport.Requests);
        await pager.NextPageAsync(Connect.Ct);
        await Task.Delay(50);
        Assert.Single(transport.Requests);
        Assert.False(pager.Finished);

        await pager.NextPageAsync(Connect.Ct);
        Assert.Equal(2, transport.Requests.Count);
    }

    [Fact]
    public async Task First_request_asks_for_page_0_with_pageSize_100_by_default()
    {
        var (transport, pager) = await ListAsync(_ => Respond.PageOfIds("a"), new TaskQuery());

        await pager.NextPageAsync(Connect.Ct);

        var request = Assert.Single(transport.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v1/tasks", request.Path);
        Assert.Equal(new Dictionary<string, string> { ["pageNumber"] = "0", ["pageSize"] = "100" }, request.QueryPairs);
    }

    [Fact]
    public async Task Tasks_from_a_listing_remember_their_connection()
    {
        var transport = new FakeTransport(_ => Respond.PageOfIds("a"));
        var connection = await Connect.OpenAsync(transport);

        var task = Assert.Single(await connection.Tasks.List(new TaskQuery()).NextPageAsync(Connect.Ct));

        Assert.Same(connection, task.Connection);
        Assert.Equal(Secrets.Server, task.Server);
    }

    // The server ignores every filter and sends everything; the client must filter anyway.
    private static readonly object[] Everything =
    {
        Respond.Task("f1", "FAILED", "Commissioning host esx05", "HOST_COMMISSION", resourceId: "R1", resourceType: "HOST"),
        Respond.Task("f2", "Failed", "Adding cluster cl02", "CLUSTER_EXPANSION", resourceId: "R2", resourceType: "CLUSTER"),
        Respond.Task("p1", "In Progress", "COMMISSIONING host esx06", "HOST_COMMISSION", resourceId: "r1", resourceType: "host"),
        Respond.Task("p2", "IN_PROGRESS", "Upgrade", "UPGRADE"),
        Respond.Task("s1", "SUCCESSFUL", "Decommission host", "HOST_DECOMMISSION", completion: "2026-01-01T10:00:00.000Z"),
        Respond.Task("s2", "Successful", "Credentials rotate operation", "CREDENTIALS_ROTATE", completion: "2026-01-01T12:00:00.000Z"),
        Respond.Task("s3", "SUCCESSFUL", "Old task", completion: "2025-12-31T23:59:59.999Z"),
        Respond.Task("s4", "SUCCESSFUL", "Exactly at the bound", completion: "2026-01-01T00:00:00.000Z"),
        Respond.Task("u1", "ROLLING_BACK", "Garbage completion", completion: "not a date"),
    };

    public static readonly TheoryData<string, string[]> Filters = new()
    {
        { "status:Failed", new[] { "f1", "f2" } },
        { "status:IN_PROGRESS", new[] { "p1", "p2" } },
        { "status:failed,in progress", new[] { "f1", "f2", "p1", "p2" } },
        { "status:ROLLING_BACK", new[] { "u1" } },
        { "name:commission", new[] { "f1", "p1", "s1" } },
        { "type:host_commission", new[] { "f1", "p1" } },
        { "resourceId:R1", new[] { "f1", "p1" } },
        { "resourceType:CLUSTER", new[] { "f2" } },
        { "completedAfter", new[] { "f1", "f2", "p1", "p2", "s1", "s2", "u1" } },
        { "status:Failed;name:cluster", new[] { "f2" } },
    };

    private static TaskQuery QueryFor(string spec)
    {
        var query = new TaskQuery();
        foreach (var part in spec.Split(';'))
        {
            var kv = part.Split(':', 2);
            switch (kv[0])
            {
                case "status": query.Statuses = kv[1].Split(',').Select(s => new VcfTaskStatus(s)).ToArray(); break;
                case "name": query.Name = kv[1]; break;
                case "type": query.Type = kv[1]; break;
                case "resourceId": query.ResourceId = kv[1]; break;
                case "resourceType": query.ResourceType = kv[1]; break;
                case "completedAfter": query.CompletedAfter = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero); break;
            }
        }
        return query;
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Client_side_filters_apply_when_the_server_ignores_them(string spec, string[] expected)
    {
        var (_, pager) = await ListAsync(_ => Respond.Page(Everything), QueryFor(spec));

        var all = await Connect.AllAsync(pager);

        Assert.Equal(expected, all.Select(t => t.Id));
    }

    [Fact]
    public async Task Filtered_out_tasks_do_not_end_the_listing_early()
    {
        var (transport, pager) = await ListAsync(r => PageNumber(r) switch
        {
            0 => Respond.Page(new[] { Respond.Task("a", "SUCCESSFUL"), Respond.Task("b", "SUCCESSFUL") }),
            1 => Respond.Page(new[] { Respond.Task("c", "FAILED"), Respond.Task("d", "SUCCESSFUL") }),
            _ => Respond.PageOfIds(),
        }, new TaskQuery { PageSize = 2, Statuses = new VcfTaskStatus[] { "FAILED" } });

        var first = await pager.NextPageAsync(Connect.Ct);
        Assert.Empty(first);
        Assert.False(pager.Finished);

        Assert.Equal(new[] { "c" }, (await Connect.AllAsync(pager)).Select(t => t.Id));
        // Pages 0 to 2, then page 0 once more to check the end (no count to check it against).
        Assert.Equal(new[] { 0, 1, 2, 0 }, transport.Requests.Select(PageNumber));
    }

    [Theory]
    [InlineData("In Progress", "IN_PROGRESS")]
    [InlineData("Failed", "FAILED")]
    [InlineData("successful", "SUCCESSFUL")]
    [InlineData("COMPLETED_WITH_WARNING", "COMPLETED_WITH_WARNING")]
    [InlineData("ROLLING_BACK", "ROLLING_BACK")]
    public async Task Query_carries_taskStatus_in_API_spelling_when_exactly_one_status(string status, string sent)
    {
        var (transport, pager) = await ListAsync(_ => Respond.PageOfIds(), new TaskQuery { Statuses = new VcfTaskStatus[] { status } });

        await pager.NextPageAsync(Connect.Ct);

        Assert.Equal(sent, Assert.Single(transport.Requests).QueryPairs["taskStatus"]);
    }

    [Fact]
    public async Task Query_has_no_taskStatus_with_several_statuses_or_none()
    {
        var (transport, pager) = await ListAsync(_ => Respond.PageOfIds(), new TaskQuery { Statuses = new VcfTaskStatus[] { "FAILED", "In Progress" } });
        await pager.NextPageAsync(Connect.Ct);
        var (transport2, pager2) = await ListAsync(_ => Respond.PageOfIds(), new TaskQuery());
        await pager2.NextPageAsync(Connect.Ct);

        Assert.False(transport.Requests.Single().QueryPairs.ContainsKey("taskStatus"));
        Assert.False(transport2.Requests.Single().QueryPairs.ContainsKey("taskStatus"));
    }

    [Fact]
    public async Task Query_carries_every_filter_url_escaped_and_completedAfter_in_epoch_milliseconds()
    {
        var after = new DateTimeOffset(2026, 11, 27, 10, 14, 3, 512, TimeSpan.FromHours(1));
        var query = new TaskQuery
        {
            Name = "a b&c=d/é+",
            Type = "HOST_COMMISSION",
            ResourceId = "id #1?",
            ResourceType = "HOST",
            CompletedAfter = after,
            PageSize = 25,
        };
        var (transport, pager) = await ListAsync(_ => Respond.PageOfIds(), query);

        await pager.NextPageAsync(Connect.Ct);

        var request = transport.Requests.Single();
        Assert.Equal(new Dictionary<string, string>
        {
            ["pageNumber"] = "0",
            ["pageSize"] = "25",
            ["taskName"] = "a b&c=d/é+",
            ["taskType"] = "HOST_COMMISSION",
            ["resourceId"] = "id #1?",
            ["resourceType"] = "HOST",
            ["completedAfter"] = after.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, request.QueryPairs);
        Assert.Equal("1795770843512", request.QueryPairs["completedAfter"]);
        Assert.Contains("taskName=a%20b%26c%3Dd%2F%C3%A9%2B", request.Query);
        Assert.Contains("resourceId=id%20%231%3F", request.Query);
    }

    [Fact]
    public async Task Later_pages_keep_the_filters_and_count_pageNumber_up()
    {
        var (transport, pager) = await ListAsync(r => PageNumber(r) < 2 ? Respond.Page(new[] { Respond.Task("x" + PageNumber(r), "FAILED") }) : Respond.PageOfIds(),
            new TaskQuery { PageSize = 1, Statuses = new VcfTaskStatus[] { "Failed" } });

        await Connect.AllAsync(pager);

        Assert.Equal(new[] { 0, 1, 2, 0 }, transport.Requests.Select(PageNumber));
        Assert.All(transport.Requests, r => Assert.Equal("FAILED", r.QueryPairs["taskStatus"]));
    }

    [Fact]
    public async Task A_failed_page_is_an_exception_that_ends_the_listing()
    {
        // Get-VcfTask ends with the page's terminating error; the pager asks nothing more after it.
        var (transport, pager) = await ListAsync(_ => Respond.Error(400, "VCF_BAD_REQUEST", "boom"), new TaskQuery());

        var e = await Assert.ThrowsAsync<VcfException>(() => pager.NextPageAsync(Connect.Ct));
        Assert.Equal(VcfErrorKind.ServerError, e.Kind);
        Assert.Equal(400, e.HttpStatus);
        Assert.True(pager.Finished);

        Assert.Empty(await pager.NextPageAsync(Connect.Ct));
        Assert.Single(transport.Requests);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Tests.Support;
using Xunit;

namespace VcfTasks.Core.Tests;

/// <summary>Pages requested side by side (<c>Get-VcfTask -ThrottleLimit N</c>): the rules of issue 8, part 1.</summary>
public class ParallelPagingTests
{
    private static async Task<TaskPager> ListAsync(GatedPages server, int throttleLimit)
    {
        var connection = await Connect.OpenAsync(server.Transport);
        return connection.Tasks.List(new TaskQuery { PageSize = server.Size }, throttleLimit);
    }

    private static async Task<TaskPager> ListAsync(FakeTransport transport, int pageSize, int throttleLimit)
    {
        var connection = await Connect.OpenAsync(transport);
        return connection.Tasks.List(new TaskQuery { PageSize = pageSize }, throttleLimit);
    }

    // What Get-VcfTask -First does: read pages until enough tasks came, then let the pager go.
    private static async Task<List<VcfTask>> FirstAsync(TaskPager pager, int first)
    {
        using (pager)
        {
            pager.First = (ulong)first;
            var tasks = new List<VcfTask>();
            while (!pager.Finished && tasks.Count < first) tasks.AddRange(await pager.NextPageAsync(Connect.Ct));
            return tasks.Take(first).ToList();
        }
    }

    private static int PageNumber(SeenRequest r) => int.Parse(r.QueryPairs["pageNumber"], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Tasks_come_out_in_page_order_when_later_pages_answer_first()
    {
        var server = new GatedPages(pages: 11, size: 2);
        var pager = await ListAsync(server, throttleLimit: 4);

        var listing = Connect.AllAsync(pager);
        // Each round: the window's pages are all in flight; answer them last page first.
        for (int released = 1; released < server.Pages;)
        {
            int expected = Math.Min(4, server.Pages - released);
            await server.InFlightCount(expected);
            foreach (var page in server.InFlight.OrderByDescending(p => p)) server.Release(page);
            released += expected;
        }
        var all = await listing;

        Assert.Equal(server.IdsUpTo(11), all.Select(t => t.Id));
        Assert.Equal(4, server.MaxInFlight);
        Assert.Equal(Enumerable.Range(0, 11), server.Transport.Requests.Select(PageNumber).OrderBy(n => n));
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(100, 1)]
    [InlineData(101, 2)]
    [InlineData(150, 2)]
    [InlineData(250, 3)]
    public async Task First_n_requests_only_the_pages_the_output_can_need(int first, int requests)
    {
        var transport = new FakeTransport(r => Respond.Page(
            GatedPages.IdsOf(PageNumber(r), 100).Select(id => Respond.Task(id + "@" + PageNumber(r))).ToArray(), PageNumber(r), 100, 10_000, 100));
        var pager = await ListAsync(transport, pageSize: 100, throttleLimit: 16);

        var tasks = await FirstAsync(pager, first);

        Assert.Equal(first, tasks.Count);
        Assert.Equal(requests, pager.PagesFetched);
        Assert.Equal(Enumerable.Range(0, requests), transport.Requests.Select(PageNumber));
    }

    [Fact]
    public async Task Pages_whose_tasks_are_filtered_out_let_further_pages_be_requested()
    {
        // The server ignores the status filter: half of each page is dropped, so -First 150 needs three pages.
        var transport = new FakeTransport(r =>
        {
            int n = PageNumber(r);
            return Respond.Page(Enumerable.Range(0, 100).Select(i => Respond.Task($"t{n}-{i}", i % 2 == 0 ? "FAILED" : "SUCCESSFUL")).ToArray(), n, 100, 10_000, 100);
        });
        var connection = await Connect.OpenAsync(transport);
        var pager = connection.Tasks.List(new TaskQuery { Statuses = new[] { new VcfTaskStatus("FAILED") } }, 16);

        var tasks = await FirstAsync(pager, 150);

        Assert.Equal(150, tasks.Count);
        Assert.Equal(3, pager.PagesFetched);
    }

    // TransientStatus decides both: these statuses are retried, but only 429 and 503 say "overloaded".
    [Theory]
    [InlineData(408)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task A_transient_status_that_does_not_say_overloaded_is_retried_and_leaves_the_window_as_wide(int status)
    {
        var server = new GatedPages(pages: 4, size: 2)
        {
            FirstAttempt = n => n == 1 ? Respond.Error(status, "HICCUP", "try again") : null,
        };
        var pager = await ListAsync(server, throttleLimit: 8);

        var listing = Connect.AllAsync(pager);
        await server.InFlightCount(3);
        server.Release(1);
        // Page 1's retry joins pages 2 and 3.
        await Until.True(() => server.Transport.Requests.Count(r => PageNumber(r) == 1) == 2 && server.InFlight.Length == 3, "page 1 retried");
        Assert.Equal(8, pager.Window);
        foreach (var page in server.InFlight.OrderBy(p => p)) server.Release(page);
        var all = await listing;

        Assert.Equal(server.IdsUpTo(4), all.Select(t => t.Id));
        Assert.Equal(8, pager.Window);
    }

    [Fact]
    public async Task A_429_narrows_the_window_down_to_1_and_the_listing_goes_on_one_page_at_a_time()
    {
        // Pages 1 to 3 answer 429 once (retried at once: no back-off waits in these tests): 8 → 4 → 2 → 1.
        var server = new GatedPages(pages: 14, size: 2)
        {
            FirstAttempt = n => n <= 3 ? Respond.Error(429, "TOO_MANY_REQUESTS", "slow down") : null,
        };
        var pager = await ListAsync(server, throttleLimit: 8);
        Assert.Equal(8, pager.Window);

        var listing = Connect.AllAsync(pager);
        // Pages 1 to 8 are requested before the 429s come; then pages 1 to 3 answer 429, and their retries join
        // the five still in flight.
        await server.InFlightCount(8);
        foreach (var page in new[] { 1, 2, 3 }) server.Release(page);
        await server.InFlightCount(8);
        Assert.Equal(1, pager.Window);
        foreach (var page in server.InFlight.OrderBy(p => p)) server.Release(page);
        int widest = 0;
        for (int page = 9; page < server.Pages; page++)
        {
            await server.InFlightCount(1);
            widest = Math.Max(widest, server.InFlight.Length);
            Assert.Equal(new[] { page }, server.InFlight);
            server.Release(page);
        }
        var all = await listing;

        Assert.Equal(server.IdsUpTo(14), all.Select(t => t.Id));
        Assert.Equal(1, widest);
        // Each 429 was retried once, each page answered once.
        Assert.Equal(new[] { 2, 2, 2 }, Enumerable.Range(1, 3).Select(n => server.Transport.Requests.Count(r => PageNumber(r) == n)));
        Assert.Equal(server.Pages + 3, server.Transport.Requests.Count);
    }

    [Fact]
    public async Task The_pages_in_flight_share_the_connection_retry_budget()
    {
        // Pages 2 and on answer 503 to every attempt. Asking for page 2 tops the window up to pages 2 to 9. Alone,
        // each would be sent 4 times (32 requests); the connection's one budget of 10 retries allows 8 first
        // attempts + 10 retries in all.
        var server = new GatedPages(pages: 20, size: 2)
        {
            EveryAttempt = n => n >= 2 ? Respond.Error(503, "SERVICE_UNAVAILABLE", "busy") : null,
        };
        var pager = await ListAsync(server, throttleLimit: 8);
        await pager.NextPageAsync(Connect.Ct);
        var page1 = pager.NextPageAsync(Connect.Ct);
        await server.InFlightCount(8);
        server.Release(1);
        await page1;

        var page2 = pager.NextPageAsync(Connect.Ct);
        // Answer every attempt that reaches the server until the listing gives up.
        while (!page2.IsCompleted)
        {
            await Until.True(() => server.InFlight.Length > 0 || page2.IsCompleted, "a retry in flight or the listing ended");
            foreach (var page in server.InFlight) server.Release(page);
        }
        var e = await Assert.ThrowsAsync<VcfException>(() => page2);

        Assert.Equal(503, e.HttpStatus);
        int sent = server.Transport.Requests.Count(r => PageNumber(r) >= 2);
        Assert.InRange(sent, 8 + 1, 8 + 10);
    }

    [Fact]
    public async Task Cancelling_cancels_every_page_request_in_flight()
    {
        var server = new GatedPages(pages: 10, size: 2);
        var pager = await ListAsync(server, throttleLimit: 4);
        await pager.NextPageAsync(Connect.Ct);

        using var stop = new CancellationTokenSource();
        var page1 = pager.NextPageAsync(stop.Token);
        await server.InFlightCount(4);
        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => page1);
        await Until.True(() => server.Cancelled.Length == 4, "the four requests in flight were cancelled");
        Assert.Equal(new[] { 1, 2, 3, 4 }, server.Cancelled.OrderBy(p => p));
        Assert.True(pager.Finished);
    }

    [Fact]
    public async Task A_page_that_fails_ends_the_listing_after_the_pages_before_it_and_cancels_the_later_ones()
    {
        var server = new GatedPages(pages: 10, size: 2)
        {
            FirstAttempt = n => n == 2 ? Respond.Error(400, "VCF_BAD_REQUEST", "page 2 is broken") : null,
        };
        var pager = await ListAsync(server, throttleLimit: 4);
        var got = new List<string>();
        got.AddRange((await pager.NextPageAsync(Connect.Ct)).Select(t => t.Id));

        var page1 = pager.NextPageAsync(Connect.Ct);
        await server.InFlightCount(4);
        server.Release(2); // fails first, before page 1 is answered
        server.Release(1);
        got.AddRange((await page1).Select(t => t.Id));
        // Asking for page 2 first tops the window up with page 5, then meets page 2's failure.
        var e = await Assert.ThrowsAsync<VcfException>(() => pager.NextPageAsync(Connect.Ct));

        Assert.Equal(VcfErrorKind.ServerError, e.Kind);
        Assert.Equal(400, e.HttpStatus);
        Assert.Equal(server.IdsUpTo(2), got);
        await Until.True(() => server.Cancelled.Length == 3, "pages 3 to 5 were cancelled");
        Assert.Equal(new[] { 3, 4, 5 }, server.Cancelled.OrderBy(p => p));
        Assert.True(pager.Finished);
        Assert.Empty(await pager.NextPageAsync(Connect.Ct));
        Assert.Equal(6, server.Transport.Requests.Count);
    }

    [Fact]
    public async Task Without_a_page_count_pages_are_requested_one_at_a_time_as_asked()
    {
        var transport = new FakeTransport(r => PageNumber(r) < 5
            ? Respond.PageOfIds(GatedPages.IdsOf(PageNumber(r), 2))
            : Respond.PageOfIds("last"));
        var pager = await ListAsync(transport, pageSize: 2, throttleLimit: 16);

        for (int page = 0; !pager.Finished; page++)
        {
            await pager.NextPageAsync(Connect.Ct);
            Assert.Equal(page + 1, pager.PagesFetched);
            Assert.Equal(page + 1, transport.Requests.Count);
        }
        // Six pages, then page 0 once more to check the end, since nothing counted the tasks.
        Assert.Equal(7, pager.PagesFetched);
    }

    [Fact]
    public async Task A_page_that_repeats_the_previous_one_still_ends_the_listing_and_cancels_the_pages_ahead()
    {
        var server = new GatedPages(pages: 10, size: 2);
        var log = new TestLogSink();
        using var _ = VcfLog.Use(log);
        // Every page answers with page 0's tasks, as a server that ignores paging but says there are 10 pages.
        var transport = new FakeTransport(async (r, ct) =>
        {
            if (PageNumber(r) <= 1) return server.Page(0);
            return await Hang.UntilCancelled(ct);
        });
        var pager = await ListAsync(transport, pageSize: 2, throttleLimit: 4);

        var all = await Connect.AllAsync(pager);

        Assert.Equal(GatedPages.IdsOf(0, 2), all.Select(t => t.Id));
        Assert.Contains(log.Messages, m => m.Level == VcfLogLevel.Warning && m.Message.Contains("repeated page 0"));
        // Page 0 alone, then pages 1 to 4 side by side; 2 to 4 were cancelled when page 1 ended the listing.
        Assert.Equal(5, pager.PagesFetched);
    }

    [Fact]
    public async Task A_task_already_returned_by_an_earlier_page_is_dropped_when_pages_arrive_out_of_order()
    {
        // The list shifted by one during the listing: page 1 starts with page 0's last task.
        var transport = new FakeTransport(r => PageNumber(r) switch
        {
            0 => Respond.Page(new[] { Respond.Task("a"), Respond.Task("b") }, 0, 2, 6, 3),
            1 => Respond.Page(new[] { Respond.Task("b"), Respond.Task("c") }, 1, 2, 6, 3),
            _ => Respond.Page(new[] { Respond.Task("d"), Respond.Task("e") }, 2, 2, 6, 3),
        });
        var pager = await ListAsync(transport, pageSize: 2, throttleLimit: 4);

        var all = await Connect.AllAsync(pager);

        Assert.Equal(new[] { "a", "b", "c", "d", "e" }, all.Select(t => t.Id));
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Tests.Support;
using Xunit;

namespace VcfTasks.Core.Tests;

/// <summary>
/// The servers of issue 13's table, and the paging facts that once made the listing short in silence: each listing
/// is checked for the tasks it returned, the requests that reached the server and the warnings it wrote.
/// </summary>
public class ServerPagingTests
{
    private static readonly string[] Thousand = Enumerable.Range(0, 1055).Select(i => $"t{i:D4}").ToArray();

    private static int PageNumber(SeenRequest r) => int.Parse(r.QueryPairs["pageNumber"], CultureInfo.InvariantCulture);

    private static object[] Tasks(IEnumerable<string> ids) => ids.Select(id => Respond.Task(id)).ToArray();

    private static async Task<(List<string> Ids, FakeTransport Transport, List<string> Warnings)> ListAllAsync(FakeTransport transport, int throttleLimit = 8)
    {
        var sink = new TestLogSink();
        List<string> ids;
        using (VcfLog.Use(sink))
        {
            var connection = await Connect.OpenAsync(transport);
            ids = await Listing.ReadAsync(connection, new TaskQuery(), throttleLimit, 0, ulong.MaxValue, CancellationToken.None);
        }
        return (ids, transport, sink.At(VcfLogLevel.Warning).ToList());
    }

    [Fact]
    public async Task A_server_that_counts_pages_from_1_is_listed_whole_with_no_warning()
    {
        // pageNumber 0 and 1 both answer the first page, which says it is page 1.
        var transport = new FakeTransport(r =>
        {
            int page = Math.Max(1, PageNumber(r));
            return Respond.Page(Tasks(Thousand.Skip((page - 1) * 100).Take(100)), page, 100, 1055, 11);
        });

        var (ids, _, warnings) = await ListAllAsync(transport);

        Assert.Equal(Thousand, ids);
        Assert.Empty(warnings);
        Assert.Equal(new[] { 0 }.Concat(Enumerable.Range(2, 10)), transport.Requests.Select(PageNumber).OrderBy(n => n));
    }

    [Fact]
    public async Task A_server_that_serves_250_a_page_whatever_is_asked_is_listed_in_5_requests()
    {
        var transport = new FakeTransport(r =>
        {
            int page = PageNumber(r);
            return Respond.Page(Tasks(Thousand.Skip(page * 250).Take(250)), page, 250, 1055, 5);
        });

        var (ids, _, warnings) = await ListAllAsync(transport);

        Assert.Equal(Thousand, ids);
        Assert.Empty(warnings);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, transport.Requests.Select(PageNumber).OrderBy(n => n));
        Assert.All(transport.Requests, r => Assert.Equal("100", r.QueryPairs["pageSize"]));
    }

    [Fact]
    public async Task A_server_that_caps_pages_below_the_size_asked_is_listed_whole()
    {
        var transport = new FakeTransport(r =>
        {
            int page = PageNumber(r);
            return Respond.Object(200, new { elements = Tasks(Thousand.Skip(page * 40).Take(40)), pageMetadata = new { pageNumber = page, totalElements = 1055 } });
        });

        var (ids, _, warnings) = await ListAllAsync(transport);

        Assert.Equal(Thousand, ids);
        Assert.Empty(warnings);
        Assert.Equal(27, transport.Requests.Count);
    }

    [Fact]
    public async Task Counts_that_contradict_each_other_are_followed_to_the_larger_with_a_warning()
    {
        // totalPages 1, yet 1,055 tasks at 100 a page.
        var transport = new FakeTransport(r =>
        {
            int page = PageNumber(r);
            return Respond.Page(Tasks(Thousand.Skip(page * 100).Take(100)), page, 100, 1055, 1);
        });

        var (ids, _, warnings) = await ListAllAsync(transport);

        Assert.Equal(Thousand, ids);
        var warning = Assert.Single(warnings);
        Assert.Contains("totalPages 1, but totalElements 1055 at 100 a page make 11 page(s)", warning);
        Assert.Equal(11, transport.Requests.Count);
    }

    [Fact]
    public async Task A_listing_that_ends_short_of_the_server_count_says_both_numbers_and_why()
    {
        // The server counts 1,055 but page 1 is empty.
        var transport = new FakeTransport(r =>
        {
            int page = PageNumber(r);
            return Respond.Page(Tasks(page == 0 ? Thousand.Take(100) : Array.Empty<string>()), page, 100, 1055, 11);
        });

        var (ids, _, warnings) = await ListAllAsync(transport, throttleLimit: 1);

        Assert.Equal(100, ids.Count);
        var warning = Assert.Single(warnings);
        Assert.Contains("the server counted 1,055 task(s) and 100 were listed: page 1 was empty. 955 task(s) may be missing.", warning);
    }

    [Fact]
    public async Task A_server_that_repeats_its_first_page_under_another_number_is_named_in_the_warning()
    {
        // Every request answers the first page, numbered as asked: the server ignores paging but says it does not.
        var transport = new FakeTransport(r => Respond.Page(Tasks(Thousand.Take(100)), PageNumber(r), 100, 1055, 11));

        var (ids, _, warnings) = await ListAllAsync(transport, throttleLimit: 1);

        Assert.Equal(Thousand.Take(100), ids);
        var warning = Assert.Single(warnings);
        Assert.Contains("the server counted 1,055 task(s) and 100 were listed: page 1 repeated page 0 (numbered 1): the server seems to ignore paging", warning);
    }

    [Fact]
    public async Task A_live_server_read_side_by_side_lists_every_task_there_throughout_once()
    {
        // Newest first; 3 new tasks after each answer; the later page of each pair is served first.
        var list = Thousand.Take(1005).ToList();
        int created = 0;
        var gate = new object();
        var transport = new FakeTransport(async (r, ct) =>
        {
            int page = PageNumber(r);
            // Odd pages answer at once, even ones (but page 0) a little later: served out of order.
            if (page > 0 && page % 2 == 0) await Task.Delay(15, ct);
            lock (gate)
            {
                var now = list.ToArray();
                for (int i = 0; i < 3; i++) list.Insert(0, $"new{created++}");
                return Respond.Page(Tasks(now.Skip(page * 100).Take(100)), page, 100, now.Length, (now.Length + 99) / 100);
            }
        });

        var (ids, _, warnings) = await ListAllAsync(transport);

        Assert.Empty(Thousand.Take(1005).Except(ids));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Empty(warnings);
    }

    [Fact]
    public async Task A_list_that_outgrows_the_reader_ends_after_a_bounded_number_of_requests_with_a_warning()
    {
        // 120 new tasks at the front after every answer of 100: no client can reach the end.
        var list = Thousand.Take(300).ToList();
        int created = 0;
        var transport = new FakeTransport(r =>
        {
            lock (list)
            {
                var now = list.ToArray();
                for (int i = 0; i < 120; i++) list.Insert(0, $"new{created++:D5}");
                int page = PageNumber(r);
                return Respond.Page(Tasks(now.Skip(page * 100).Take(100)), page, 100, now.Length, (now.Length + 99) / 100);
            }
        });

        var (ids, _, warnings) = await ListAllAsync(transport, throttleLimit: 1);

        // At most the pager's limit: the larger of three times the first count of pages (3) and two requests for each
        // quarter page of the first count of tasks (300 / 25), plus the window and 4.
        Assert.InRange(transport.Requests.Count, 2, 2 * (300 / 25) + 1 + 4);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var warning = Assert.Single(warnings);
        Assert.Contains("may be missing", warning);
    }

    [Fact]
    public async Task Without_totalElements_pages_are_read_one_at_a_time()
    {
        var transport = new FakeTransport(r =>
        {
            int page = PageNumber(r);
            return Respond.Object(200, new { elements = Tasks(GatedPages.IdsOf(page, 2)), pageMetadata = new { pageNumber = page, pageSize = 2, totalPages = 4 } });
        });
        var connection = await Connect.OpenAsync(transport);
        using var pager = connection.Tasks.List(new TaskQuery { PageSize = 2 }, 8);

        await pager.NextPageAsync(Connect.Ct);
        await pager.NextPageAsync(Connect.Ct);

        // Two pages asked for, two requests: nothing requested ahead when nothing counts the tasks.
        Assert.Equal(new[] { 0, 1 }, transport.Requests.Select(PageNumber));
    }

    [Fact]
    public async Task A_plain_server_is_read_with_no_request_more_than_its_pages()
    {
        var transport = new FakeTransport(r =>
        {
            int page = PageNumber(r);
            return Respond.Page(Tasks(Thousand.Skip(page * 100).Take(100)), page, 100, 1055, 11);
        });

        var (ids, _, warnings) = await ListAllAsync(transport);

        Assert.Equal(Thousand, ids);
        Assert.Empty(warnings);
        Assert.Equal(Enumerable.Range(0, 11), transport.Requests.Select(PageNumber).OrderBy(n => n));
    }

    [Fact]
    public async Task A_server_without_counts_whose_tasks_leave_the_listing_as_they_are_listed_is_read_whole()
    {
        // The retry pipeline on a server that gives no pageMetadata: each task listed is retried at once and leaves
        // the FAILED listing, so the pages behind it slide forward past the reader.
        var list = Thousand.Take(250).ToList();
        var transport = new FakeTransport(r =>
        {
            lock (list)
            {
                int page = PageNumber(r);
                return Respond.Page(Tasks(list.Skip(page * 100).Take(100)));
            }
        });
        var sink = new TestLogSink();
        List<string> ids;
        using (VcfLog.Use(sink))
        {
            var connection = await Connect.OpenAsync(transport);
            ids = await Listing.ReadAsync(connection, new TaskQuery(), 8, 0, ulong.MaxValue, CancellationToken.None,
                page => { lock (list) list.RemoveAll(page.Contains); });
        }

        Assert.Equal(Thousand.Take(250).OrderBy(id => id), ids.OrderBy(id => id));
        Assert.Empty(sink.At(VcfLogLevel.Warning));
    }
}

using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Json;
using VcfTasks.Core.Tests.Support;
using Xunit;

namespace VcfTasks.Core.Tests;

// Odd input that once crashed, leaked or lost tasks: each case now is read, fails cleanly, or stays secret.
public class RobustnessTests
{
    [Fact]
    public void SubTask_counters_tolerate_null_elements_in_subTasks()
    {
        var task = JsonSerializer.Deserialize(
            "{\"id\":\"t\",\"status\":\"FAILED\",\"subTasks\":[null,{\"name\":\"a\",\"status\":\"SUCCESSFUL\"},{\"name\":\"b\",\"status\":\"PENDING\"}]}",
            VcfJson.Info<VcfTask>())!;

        // The null element is passed over: one subtask done ("a"), and "b" is the current (pending) one.
        Assert.Equal(1, task.SubTasksDone);
        Assert.Equal("b", task.CurrentSubTask!.Name);
    }

    private const string EchoedJwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsImV4cCI6MTl9.c2lnbmF0dXJlLWNhbmFyeQ";

    [Fact]
    public async Task A_token_echoed_in_remediationMessage_is_redacted()
    {
        var transport = new FakeTransport(_ => Respond.Error(500, "E", "bad", remediation: "Send Authorization: Bearer " + EchoedJwt + " again"));
        using var c = await Connect.OpenAsync(transport);

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t", Connect.Ct));

        Assert.DoesNotContain(EchoedJwt, e.RecommendedAction ?? string.Empty);
        Assert.DoesNotContain(EchoedJwt, e.RemediationMessage ?? string.Empty);
    }

    [Theory]
    [InlineData("{\"exchanges\":null}")]
    [InlineData("{\"exchanges\":[null]}")]
    [InlineData("{\"exchanges\":[{\"request\":null,\"response\":{\"status\":200}}]}")]
    [InlineData("{\"exchanges\":[{\"request\":{\"method\":null,\"path\":\"/v1/tasks\"},\"response\":{}}]}")]
    public async Task A_fixture_with_null_parts_is_FixtureInvalid(string json)
    {
        var path = Paths.WriteFixture(json);
        try
        {
            var e = await Assert.ThrowsAsync<VcfException>(() => Connect.ReplayAsync(path));
            Assert.Equal(VcfErrorKind.FixtureInvalid, e.Kind);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PATCH")]
    public async Task A_fixture_whose_bodyFile_is_missing_is_FixtureInvalid_at_connect(string method)
    {
        var path = Paths.WriteFixture("{\"exchanges\":[{\"request\":{\"method\":\"" + method + "\",\"path\":\"/v1/tasks/t\"},\"response\":{\"status\":200,\"bodyFile\":\"no-such-file.json\"}}]}");
        try
        {
            // Not a network error later (a GET retried, a PATCH 'outcome unknown'): a bad fixture, named, at once.
            var e = await Assert.ThrowsAsync<VcfException>(() => Connect.ReplayAsync(path));
            Assert.Equal(VcfErrorKind.FixtureInvalid, e.Kind);
            Assert.Contains("no-such-file.json", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task A_password_echoed_inside_an_error_message_string_is_not_recorded()
    {
        var path = Paths.TempFile();
        try
        {
            var transport = new FakeTransport(_ => Respond.Error(401, "IDENTITY_UNAUTHORIZED_ENTITY",
                "Bad request body {\"username\":\"u\",\"password\":\"" + Secrets.CanaryPassword + "\"}"));
            var e = await Assert.ThrowsAsync<VcfException>(() => Connect.OpenAsync(transport, Secrets.Password(), recordPath: path));
            // Neither the error (its message is redacted after unescaping) nor the recording keeps the password.
            Assert.DoesNotContain(Secrets.CanaryPassword, e.ToString());
            Assert.DoesNotContain(Secrets.CanaryPassword, File.ReadAllText(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task A_pageSize_above_the_API_maximum_does_not_lose_tasks_when_the_server_clamps_it()
    {
        // The API allows at most 100 per page; a server that clamps 250 to 100 sends full pages of 100.
        var transport = new FakeTransport(r =>
        {
            int n = int.Parse(r.QueryPairs["pageNumber"], System.Globalization.CultureInfo.InvariantCulture);
            var ids = System.Linq.Enumerable.Range(n * 100, n < 3 ? 100 : 0).Select(i => Respond.Task("t" + i)).ToArray();
            return Respond.Page(ids, n, 100, 300, 3);
        });
        using var c = await Connect.OpenAsync(transport);

        var all = await Connect.AllAsync(c.Tasks.List(new TaskQuery { PageSize = 250 }));

        // All 300: the server's totalPages (3) is followed, so a page of 100 against the 250 asked for does not end the listing.
        Assert.Equal(300, all.Count);
    }
}

public class PagingAndWaitingEdgeTests
{
    [Fact]
    public async Task A_server_that_caps_pages_below_the_size_asked_is_followed_by_totalPages_to_the_end()
    {
        // 120 tasks; the server gives 50 a page whatever is asked, and says so in totalPages.
        var transport = new FakeTransport(r =>
        {
            int n = int.Parse(r.QueryPairs["pageNumber"], System.Globalization.CultureInfo.InvariantCulture);
            var ids = Enumerable.Range(n * 50, Math.Max(0, Math.Min(50, 120 - n * 50))).Select(i => Respond.Task("t" + i)).ToArray();
            return Respond.Page(ids, n, 50, 120, 3);
        });
        using var c = await Connect.OpenAsync(transport);
        var all = await Connect.AllAsync(c.Tasks.List(new TaskQuery()));
        Assert.Equal(Enumerable.Range(0, 120).Select(i => "t" + i), all.Select(t => t.Id));
        Assert.Equal(3, transport.Count("GET"));
    }

    [Fact]
    public async Task A_task_that_cannot_be_read_five_polls_in_a_row_leaves_the_wait_with_its_error()
    {
        var transport = new FakeTransport(r => r.Path == "/v1/tasks/bad"
            ? Respond.Error(400, "BAD", "cannot read this one")
            : Respond.Object(200, Respond.Task("good", "IN_PROGRESS")));
        using var c = await Connect.OpenAsync(transport);
        var waiter = new TaskWaiter(new[] { new WaitItem(c, "bad"), new WaitItem(c, "good") });
        for (int poll = 1; poll < TaskWaiter.MaxFailedReads; poll++)
        {
            var results = await waiter.PollAsync(Connect.Ct);
            Assert.All(results, r => Assert.False(r.Finished));
        }
        var last = await waiter.PollAsync(Connect.Ct);
        var bad = Assert.Single(last, r => r.Item.Id == "bad");
        Assert.True(bad.Finished);
        Assert.Equal(VcfErrorKind.ServerError, bad.Error!.Kind);
        Assert.Equal(new[] { "good" }, waiter.Pending.Select(p => p.Id));
        // One read per pending task per poll, never more.
        Assert.Equal(TaskWaiter.MaxFailedReads, transport.Count("GET", "/v1/tasks/bad"));
        Assert.Equal(TaskWaiter.MaxFailedReads, transport.Count("GET", "/v1/tasks/good"));
    }

    [Fact]
    public async Task A_poll_cut_short_keeps_what_it_read_and_leaves_the_rest_pending()
    {
        using var cts = new CancellationTokenSource();
        var transport = Hang.When(r => r.Path == "/v1/tasks/slow", _ => Respond.Object(200, Respond.Task("done", "SUCCESSFUL")), out var slowSent);
        using var c = await Connect.OpenAsync(transport);
        var done = new WaitItem(c, "done");
        var waiter = new TaskWaiter(new[] { done, new WaitItem(c, "slow") });

        var poll = waiter.PollAsync(cts.Token);
        // Cut the poll short once "slow" is in flight and "done" has been read, not after a guessed time.
        await slowSent.WaitAsync(TimeSpan.FromSeconds(10));
        await Until.True(() => done.Last is not null, "the read of 'done'");
        cts.Cancel();
        var results = await poll;

        Assert.True(Assert.Single(results, r => r.Item.Id == "done").Finished);
        Assert.False(Assert.Single(results, r => r.Item.Id == "slow").Finished);
        Assert.Equal(new[] { "slow" }, waiter.Pending.Select(p => p.Id));
        Assert.Equal(1, transport.Count("GET", "/v1/tasks/slow"));
    }
}

using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Http;
using VcfTasks.Core.Tests.Support;
using Xunit;

namespace VcfTasks.Core.Tests;

public class ReplayHandlerTests
{
    private const string Commissioning = "389c2fb6-3cea-47d7-b830-e701f4cf9aed";

    private static HttpMessageInvoker Invoker(string fixture) => new(new ReplayHandler(fixture));

    private static Task<HttpResponseMessage> Send(HttpMessageInvoker invoker, string method, string pathAndQuery) =>
        invoker.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri("https://" + Secrets.Server + pathAndQuery)), CancellationToken.None);

    [Theory]
    [InlineData("/v1/tasks?pageNumber=0&pageSize=100&taskStatus=FAILED")]
    [InlineData("/v1/tasks?taskStatus=FAILED&pageSize=100&pageNumber=0")]
    [InlineData("/v1/tasks?pageSize=100&taskStatus=FAILED&pageNumber=0")]
    [InlineData("/v1/tasks?pageSize=100&taskStatus=%46AILED&pageNumber=0")]
    public async Task Query_matching_is_order_insensitive(string pathAndQuery)
    {
        var path = Paths.WriteFixture("""
            {"exchanges":[{"request":{"method":"GET","path":"/v1/tasks","query":{"taskStatus":"FAILED","pageSize":"100","pageNumber":"0"}},
                           "response":{"status":200,"body":{"elements":[{"id":"x","status":"FAILED"}]}}}]}
            """);
        try
        {
            using var invoker = Invoker(path);
            using var response = await Send(invoker, "GET", pathAndQuery);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Contains("\"x\"", await response.Content.ReadAsStringAsync());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Request_keys_sort_the_query_pairs()
    {
        var a = RequestKey.Of("get", "/v1/tasks", new[] { KeyValuePair("b", "2"), KeyValuePair("a", "1") });
        var b = RequestKey.Of("GET", "/v1/tasks", new[] { KeyValuePair("a", "1"), KeyValuePair("b", "2") });
        Assert.Equal("GET /v1/tasks?a=1&b=2", a);
        Assert.Equal(a, b);
    }

    private static System.Collections.Generic.KeyValuePair<string, string> KeyValuePair(string k, string v) => new(k, v);

    [Fact]
    public async Task A_different_query_value_or_an_extra_parameter_does_not_match()
    {
        using var invoker = Invoker(Paths.Fixture("seed.fixture.json"));

        foreach (var pathAndQuery in new[] { "/v1/tasks?pageNumber=1&pageSize=100", "/v1/tasks?pageNumber=0&pageSize=100&taskName=x", "/v1/tasks" })
        {
            var e = await Assert.ThrowsAsync<VcfException>(() => Send(invoker, "GET", pathAndQuery));
            Assert.Equal(VcfErrorKind.FixtureRequestUnmatched, e.Kind);
        }
        // The recorded request itself still matches: the failures above are the query's doing.
        using var matched = await Send(invoker, "GET", "/v1/tasks?pageNumber=0&pageSize=100");
        Assert.Equal(200, (int)matched.StatusCode);
    }

    // A flow of our own (the recorded flow fixtures are re-recorded from time to time).
    private static string FlowFixture() => Paths.WriteFixture("""
        {"description":"flow","exchanges":[
          {"request":{"method":"GET","path":"/v1/tasks","query":{"pageNumber":"0","pageSize":"100"}},
           "response":{"status":200,"body":{"elements":[{"id":"389c2fb6-3cea-47d7-b830-e701f4cf9aed","status":"Failed"}]}}},
          {"request":{"method":"PATCH","path":"/v1/tasks/389c2fb6-3cea-47d7-b830-e701f4cf9aed"},"response":{"status":200}},
          {"request":{"method":"GET","path":"/v1/tasks/389c2fb6-3cea-47d7-b830-e701f4cf9aed"},
           "response":{"status":200,"body":{"id":"389c2fb6-3cea-47d7-b830-e701f4cf9aed","status":"IN_PROGRESS"}}},
          {"request":{"method":"DELETE","path":"/v1/tasks/389c2fb6-3cea-47d7-b830-e701f4cf9aed"},"response":{"status":200}},
          {"request":{"method":"GET","path":"/v1/tasks/389c2fb6-3cea-47d7-b830-e701f4cf9aed"},
           "response":{"status":200,"body":{"id":"389c2fb6-3cea-47d7-b830-e701f4cf9aed","status":"SUCCESSFUL"}}}
        ]}
        """);

    [Fact]
    public async Task Repeated_requests_get_the_recorded_answers_in_order_and_a_GET_repeats_its_last()
    {
        var path = FlowFixture();
        try
        {
            using var c = await Connect.ReplayAsync(path);

            var listed = Assert.Single(await c.Tasks.List(new TaskQuery()).NextPageAsync(Connect.Ct));
            Assert.Equal(VcfTaskState.Failed, listed.StatusInfo.State);
            await c.Tasks.RetryAsync(Commissioning, Connect.Ct);
            var states = new[]
            {
                (await c.Tasks.GetAsync(Commissioning, Connect.Ct)).StatusInfo.State,
                (await c.Tasks.GetAsync(Commissioning, Connect.Ct)).StatusInfo.State,
                (await c.Tasks.GetAsync(Commissioning, Connect.Ct)).StatusInfo.State,
            };

            Assert.Equal(new[] { VcfTaskState.InProgress, VcfTaskState.Successful, VcfTaskState.Successful }, states);
            Assert.Equal(new[]
            {
                "GET /v1/tasks?pageNumber=0&pageSize=100",
                "PATCH /v1/tasks/" + Commissioning,
                "GET /v1/tasks/" + Commissioning,
                "GET /v1/tasks/" + Commissioning,
                "GET /v1/tasks/" + Commissioning,
            }, c.ReplayedRequests);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task A_PATCH_whose_answers_ran_out_fails_with_FixtureRequestUnmatched_naming_it()
    {
        var path = FlowFixture();
        try
        {
            using var c = await Connect.ReplayAsync(path);
            await c.Tasks.RetryAsync(Commissioning, Connect.Ct);

            var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.RetryAsync(Commissioning, Connect.Ct));

            Assert.Equal(VcfErrorKind.FixtureRequestUnmatched, e.Kind);
            Assert.Contains("PATCH /v1/tasks/" + Commissioning, e.Message);
            Assert.Contains("used up", e.Message);
            Assert.Single(c.ReplayedRequests);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task A_DELETE_whose_answers_ran_out_fails_too()
    {
        var path = FlowFixture();
        try
        {
            using var c = await Connect.ReplayAsync(path);
            await c.Tasks.CancelAsync(Commissioning, Connect.Ct);

            var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.CancelAsync(Commissioning, Connect.Ct));

            Assert.Equal(VcfErrorKind.FixtureRequestUnmatched, e.Kind);
            Assert.Contains("DELETE /v1/tasks/" + Commissioning, e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task An_unmatched_request_fails_naming_method_path_and_query()
    {
        using var c = await Connect.ReplayAsync(Paths.Fixture("seed.fixture.json"));

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.List(new TaskQuery { Name = "nope", PageSize = 7 }).NextPageAsync(Connect.Ct));

        Assert.Equal(VcfErrorKind.FixtureRequestUnmatched, e.Kind);
        Assert.Contains("GET /v1/tasks?pageNumber=0&pageSize=7&taskName=nope", e.Message);
        Assert.Contains("no such request", e.Message);
        Assert.Contains("seed.fixture.json", e.Message);
        Assert.Empty(c.ReplayedRequests);
    }

    [Fact]
    public async Task An_unmatched_PATCH_is_not_taken_for_an_unknown_outcome()
    {
        using var c = await Connect.ReplayAsync(Paths.Fixture("seed.fixture.json"));

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.RetryAsync("unknown-id", Connect.Ct));

        Assert.Equal(VcfErrorKind.FixtureRequestUnmatched, e.Kind);
        Assert.Contains("PATCH /v1/tasks/unknown-id", e.Message);
    }

    [Theory]
    [InlineData("/v1/tasks?pageNumber=0&pageSize=100", "get-tasks.response.json")]
    [InlineData("/v1/tasks/63eb8b2c-c3b9-4aed-919a-26ac1315d359", "get-task-63eb8b2c.response.json")]
    public async Task A_bodyFile_is_served_byte_for_byte(string pathAndQuery, string file)
    {
        using var invoker = Invoker(Paths.Fixture("seed.fixture.json"));

        using var response = await Send(invoker, "GET", pathAndQuery);

        Assert.Equal(File.ReadAllBytes(Paths.Fixture(Path.Combine("seed", file))), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task BodyText_is_served_as_is_with_its_content_type_and_an_empty_answer_has_no_body()
    {
        using var invoker = Invoker(Paths.Fixture("errors.fixture.json"));

        using var html = await Send(invoker, "GET", "/v1/tasks/50000000-0000-0000-0000-000000000502");
        Assert.Equal(502, (int)html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<html><head><title>502 Bad Gateway", await html.Content.ReadAsStringAsync());

        var path = FlowFixture();
        try
        {
            using var flow = Invoker(path);
            using var empty = await Send(flow, "PATCH", "/v1/tasks/" + Commissioning);
            Assert.Equal(200, (int)empty.StatusCode);
            Assert.Empty(await empty.Content.ReadAsByteArrayAsync());
            Assert.Null(empty.Content.Headers.ContentType);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("{\"exchanges\":[{\"request\":{\"method\":\"GET\",\"path\":\"/v1/tasks\"},\"response\":{\"status\":\"two hundred\"}}]}")]
    public async Task An_unreadable_fixture_is_FixtureInvalid(string? content)
    {
        // null: the fixture file does not exist.
        var path = content is null ? Paths.TempFile() : Paths.WriteFixture(content);
        try
        {
            var e = await Assert.ThrowsAsync<VcfException>(() => Connect.ReplayAsync(path));
            Assert.Equal(VcfErrorKind.FixtureInvalid, e.Kind);
            Assert.Contains(path, e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task A_replayed_connection_without_credentials_sends_no_token_request()
    {
        using var c = await Connect.ReplayAsync(Paths.Fixture("seed.fixture.json"));

        Assert.Equal(VcfAuthenticationMethod.None, c.AuthenticationMethod);
        Assert.Equal(Paths.Fixture("seed.fixture.json"), c.FixturePath);
        Assert.Equal(2, (await c.Tasks.List(new TaskQuery()).NextPageAsync(Connect.Ct)).Count);
        Assert.Equal(new[] { "GET /v1/tasks?pageNumber=0&pageSize=100" }, c.ReplayedRequests);
    }

    [Fact]
    public async Task Bad_credentials_against_the_unauthorized_fixture_fail_at_open()
    {
        var e = await Assert.ThrowsAsync<VcfException>(() => Connect.ReplayAsync(Paths.Fixture("unauthorized.fixture.json"), Secrets.Password()));

        Assert.Equal(VcfErrorKind.AuthenticationFailed, e.Kind);
        Assert.Equal(401, e.HttpStatus);
        Assert.Equal("IDENTITY_UNAUTHORIZED_ENTITY", e.ServerErrorCode);
        Assert.Contains(Secrets.User, e.Message);
        Assert.DoesNotContain(Secrets.CanaryPassword, e.ToString());
    }
}

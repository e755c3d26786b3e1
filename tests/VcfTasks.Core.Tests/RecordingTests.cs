using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using VcfTasks.Core.Tests.Support;
using Xunit;

namespace VcfTasks.Core.Tests;

public class RecordingTests
{
    private static readonly string FirstToken = Jwt.Expiring(DateTimeOffset.UtcNow.AddHours(1), "first-canary");
    private static readonly string SecondToken = Jwt.Expiring(DateTimeOffset.UtcNow.AddHours(2), "second-canary");
    private const string TaskId = "389c2fb6-3cea-47d7-b830-e701f4cf9aed";

    private static string TaskBody(string status) =>
        "{\"id\":\"" + TaskId + "\",\"name\":\"Commissioning host(s)\",\"status\":\"" + status + "\",\"description\":\"Fetches DNS \\\\u0026 NTP IPs\"}";

    /// <summary>A server for a whole session: login, a 401 that forces a refresh, a listing, a get, a retry, a 404, and a revocation.</summary>
    private static FakeTransport Server()
    {
        string valid = FirstToken;
        bool expiredOnce = false;
        return new FakeTransport(r =>
        {
            switch (r.Method, r.Path)
            {
                case ("POST", "/v1/tokens"): return Respond.TokenPair(FirstToken, Secrets.RefreshId);
                case ("PATCH", "/v1/tokens/access-token/refresh"): valid = SecondToken; return Respond.Json(JsonSerializer.Serialize(SecondToken));
                case ("DELETE", "/v1/tokens/refresh-token"): return Respond.Empty(204);
            }
            if (r.Path == "/v1/tasks" && !expiredOnce) { expiredOnce = true; return Respond.Error(401, "UNAUTHORIZED", "Unauthorized"); }
            if (r.BearerToken != valid) return Respond.Error(401, "UNAUTHORIZED", "Unauthorized");
            return (r.Method, r.Path) switch
            {
                ("GET", "/v1/tasks") => Respond.Json("{\"elements\":[" + TaskBody("Failed") + "],\"pageMetadata\":{\"pageNumber\":0,\"pageSize\":100,\"totalElements\":1,\"totalPages\":1}}"),
                ("GET", "/v1/tasks/" + TaskId) => Respond.Json(TaskBody("IN_PROGRESS")),
                ("PATCH", "/v1/tasks/" + TaskId) => Respond.Empty(200),
                _ => Respond.Error(404, "TA_TASK_NOT_FOUND", "Task not found. Token was Bearer " + SecondToken),
            };
        });
    }

    private static async Task<(VcfTask Listed, VcfTask Got, VcfException NotFound)> Session(VcfConnection c)
    {
        var listed = (await c.Tasks.List(new TaskQuery { Name = "commissioning" }).NextPageAsync(Connect.Ct)).Single();
        await c.Tasks.RetryAsync(TaskId, Connect.Ct);
        var got = await c.Tasks.GetAsync(TaskId, Connect.Ct);
        var notFound = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("missing", Connect.Ct));
        await c.CloseAsync(Connect.Ct);
        return (listed, got, notFound);
    }

    [Fact]
    public async Task Recording_keeps_method_path_query_status_and_body_and_never_a_secret()
    {
        var path = Paths.TempFile();
        try
        {
            var transport = Server();
            var c = await Connect.OpenAsync(transport, Secrets.Password(), recordPath: path);
            Assert.Equal(path, c.RecordPath);
            await Session(c);

            var text = File.ReadAllText(path);
            using var doc = JsonDocument.Parse(text);
            var exchanges = doc.RootElement.GetProperty("exchanges").EnumerateArray().ToArray();
            Assert.Equal(transport.Requests.Count, exchanges.Length);
            Assert.Equal(
                transport.Requests.Select(r => r.Method + " " + r.Path),
                exchanges.Select(e => e.GetProperty("request").GetProperty("method").GetString() + " " + e.GetProperty("request").GetProperty("path").GetString()));

            var statuses = exchanges.Select(e => e.GetProperty("response").GetProperty("status").GetInt32()).ToArray();
            Assert.Equal(new[] { 201, 401, 200, 200, 200, 200, 404, 204 }, statuses);

            var listing = exchanges[3];
            var query = listing.GetProperty("request").GetProperty("query");
            Assert.Equal("0", query.GetProperty("pageNumber").GetString());
            Assert.Equal("100", query.GetProperty("pageSize").GetString());
            Assert.Equal("commissioning", query.GetProperty("taskName").GetString());
            Assert.Equal(TaskId, listing.GetProperty("response").GetProperty("body").GetProperty("elements")[0].GetProperty("id").GetString());
            Assert.StartsWith("application/json", listing.GetProperty("response").GetProperty("headers").GetProperty("Content-Type").GetString());

            var login = exchanges[0].GetProperty("response").GetProperty("body");
            Assert.Equal("REDACTED-ACCESS-TOKEN", login.GetProperty("accessToken").GetString());
            Assert.Equal("REDACTED-REFRESH-TOKEN", login.GetProperty("refreshToken").GetProperty("id").GetString());
            Assert.Equal("REDACTED-ACCESS-TOKEN", exchanges[2].GetProperty("response").GetProperty("body").GetString());

            foreach (var secret in new[] { Secrets.CanaryPassword, Secrets.RefreshId, FirstToken, SecondToken, "first-canary", "Authorization", Secrets.User })
                Assert.DoesNotContain(secret, text);
            Assert.Contains("[REDACTED]", text);
            Assert.Contains(@"Fetches DNS \\u0026 NTP IPs", text);
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Replaying_a_recording_answers_the_same_requests_with_the_same_bodies()
    {
        var path = Paths.TempFile();
        try
        {
            var recorded = await Session(await Connect.OpenAsync(Server(), Secrets.Password(), recordPath: path));

            var replay = await Connect.ReplayAsync(path, Secrets.Password());
            var replayed = await Session(replay);

            Assert.Equal(JsonOf(recorded.Listed), JsonOf(replayed.Listed));
            Assert.Equal(JsonOf(recorded.Got), JsonOf(replayed.Got));
            Assert.Equal(VcfTaskState.InProgress, replayed.Got.StatusInfo.State);
            Assert.Equal(recorded.NotFound.Kind, replayed.NotFound.Kind);
            Assert.Equal(recorded.NotFound.Message, replayed.NotFound.Message);
            Assert.Equal(new[]
            {
                "POST /v1/tokens",
                "GET /v1/tasks?pageNumber=0&pageSize=100&taskName=commissioning",
                "PATCH /v1/tokens/access-token/refresh",
                "GET /v1/tasks?pageNumber=0&pageSize=100&taskName=commissioning",
                "PATCH /v1/tasks/" + TaskId,
                "GET /v1/tasks/" + TaskId,
                "GET /v1/tasks/missing",
                "DELETE /v1/tokens/refresh-token",
            }, replay.ReplayedRequests);
        }
        finally { File.Delete(path); }
    }

    private static string JsonOf(VcfTask task) => JsonSerializer.Serialize(task, VcfTasks.Core.Json.VcfJson.Info<VcfTask>());

    [Fact]
    public async Task A_failed_login_is_recorded_without_the_password()
    {
        var path = Paths.TempFile();
        try
        {
            var transport = new FakeTransport(_ => Respond.Json(401, "{\"errorCode\":\"IDENTITY_UNAUTHORIZED_ENTITY\",\"message\":\"Bad credentials\",\"context\":{\"username\":\"u\",\"password\":\"" + Secrets.CanaryPassword + "\"}}"));
            await Assert.ThrowsAsync<VcfException>(() => Connect.OpenAsync(transport, Secrets.Password(), recordPath: path));

            var text = File.ReadAllText(path);
            Assert.Contains("IDENTITY_UNAUTHORIZED_ENTITY", text);
            Assert.DoesNotContain(Secrets.CanaryPassword, text);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task A_non_JSON_body_is_recorded_as_bodyText_and_replayed_as_is()
    {
        var path = Paths.TempFile();
        const string html = "<html><body>Bad Gateway</body></html>";
        try
        {
            var transport = new FakeTransport(_ => Respond.Text(502, html, "text/html"));
            using (var c = await Connect.OpenAsync(transport, recordPath: path))
                await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t", Connect.Ct));

            using (var doc = JsonDocument.Parse(File.ReadAllText(path)))
                Assert.Equal(html, doc.RootElement.GetProperty("exchanges")[0].GetProperty("response").GetProperty("bodyText").GetString());

            using var replay = await Connect.ReplayAsync(path);
            var e = await Assert.ThrowsAsync<VcfException>(() => replay.Tasks.GetAsync("t", Connect.Ct));
            Assert.Equal(502, e.HttpStatus);
            Assert.Contains("Bad Gateway", e.Message);
        }
        finally { File.Delete(path); }
    }
}

using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using VcfTasks.Core.Tests.Support;
using Xunit;

namespace VcfTasks.Core.Tests;

public class SecretsTests
{
    [Fact]
    public async Task A_whole_session_never_puts_the_password_tokens_or_refresh_id_in_a_log_message_or_exception()
    {
        var first = Jwt.Expiring(DateTimeOffset.UtcNow.AddHours(1), "first-canary");
        var second = Jwt.Expiring(DateTimeOffset.UtcNow.AddHours(1), "second-canary");
        var valid = first;
        var transport = new FakeTransport(r =>
        {
            switch (r.Method, r.Path)
            {
                case ("POST", "/v1/tokens"): return Respond.TokenPair(first, Secrets.RefreshId);
                case ("PATCH", "/v1/tokens/access-token/refresh"): valid = second; return Respond.Json(JsonSerializer.Serialize(second));
                case ("DELETE", "/v1/tokens/refresh-token"): return Respond.Empty(204);
            }
            if (r.BearerToken != valid || r.Path == "/v1/tasks/expire-me") { valid = "none"; return Respond.Error(401, "UNAUTHORIZED", "Token " + r.BearerToken + " expired"); }
            return r.Path switch
            {
                "/v1/tasks" => Respond.PageOfIds("a", "b"),
                "/v1/tasks/echo" => Respond.Text(500, "Authorization: " + r.Authorization + " was refused", "text/plain"),
                "/v1/tasks/json-echo" => Respond.Json(500, "{\"errorCode\":\"E\",\"message\":\"" + r.Authorization + "\",\"accessToken\":\"" + r.BearerToken + "\"}"),
                "/v1/tasks/reset" => throw new HttpRequestException("reset by peer"),
                _ => Respond.Object(200, Respond.Task(r.Path.Substring("/v1/tasks/".Length))),
            };
        });
        var sink = new TestLogSink();
        var errors = new System.Collections.Generic.List<Exception>();
        using (VcfLog.Use(sink))
        {
            var c = await Connect.OpenAsync(transport, Secrets.Password());
            await c.Tasks.List(new TaskQuery()).NextPageAsync(Connect.Ct);
            foreach (var id in new[] { "expire-me", "echo", "json-echo", "reset" })
                errors.Add(await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync(id, Connect.Ct)));
            errors.Add(await Assert.ThrowsAsync<VcfException>(() => c.Tasks.RetryAsync("reset", Connect.Ct)));
            await c.Tasks.GetAsync("ok", Connect.Ct);
            await c.CloseAsync(Connect.Ct);
        }

        Assert.NotEmpty(sink.Messages);
        var everything = string.Join("\n", sink.Messages.Select(m => m.Message).Concat(errors.Select(e => e.ToString() + " " + (e as VcfException)?.ServerMessage + " " + (e as VcfException)?.RecommendedAction)));
        foreach (var secret in new[] { Secrets.CanaryPassword, first, second, Secrets.RefreshId })
            Assert.DoesNotContain(secret, everything);
    }
}

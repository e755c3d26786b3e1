using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Auth;
using VcfTasks.Core.Tests.Support;
using Xunit;

namespace VcfTasks.Core.Tests;

/// <summary>A fake SDDC Manager that issues tokens and accepts only the current one.</summary>
internal sealed class TokenServer
{
    private readonly object _gate = new();
    private int _issued;

    /// <summary>Makes the n-th access token (1-based).</summary>
    public Func<int, string> MakeToken { get; set; } = n => "access-token-" + n;

    public string? ValidToken { get; private set; }
    public bool RefreshAccepted { get; set; } = true;
    /// <summary>When set, the refresh is answered with this status (an Error body) while it stays set.</summary>
    public int? RefreshStatus { get; set; }
    public bool LoginAccepted { get; set; } = true;
    /// <summary>When set, every task request gets 401 whatever its token.</summary>
    public bool AlwaysUnauthorized { get; set; }

    public FakeTransport Transport { get; }

    public TokenServer(Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>>? tasks = null)
    {
        Transport = new FakeTransport(async (r, ct) =>
        {
            switch (r.Method, r.Path)
            {
                case ("POST", "/v1/tokens"):
                    if (!LoginAccepted) return Respond.Error(401, "IDENTITY_UNAUTHORIZED_ENTITY", "Unable to authenticate");
                    return Respond.TokenPair(Issue(), Secrets.RefreshId);
                case ("PATCH", "/v1/tokens/access-token/refresh"):
                    if (RefreshStatus is { } status) return Respond.Error(status, "BUSY", "try later");
                    if (!RefreshAccepted || r.Body != "\"" + Secrets.RefreshId + "\"") return Respond.Error(404, "REFRESH_TOKEN_NOT_FOUND", "not found");
                    return Respond.Json(JsonSerializer.Serialize(Issue()));
                case ("DELETE", "/v1/tokens/refresh-token"):
                    return Respond.Empty(204);
            }
            bool ok;
            lock (_gate) ok = !AlwaysUnauthorized && r.BearerToken is not null && r.BearerToken == ValidToken;
            if (tasks is not null) return await tasks(r, ct);
            if (!ok) return Respond.Error(401, "UNAUTHORIZED", "Unauthorized");
            return r.Path == "/v1/tasks" ? Respond.PageOfIds("a") : Respond.Object(200, Respond.Task(r.Path.Substring("/v1/tasks/".Length)));
        });
    }

    public string Issue()
    {
        lock (_gate)
        {
            ValidToken = MakeToken(++_issued);
            return ValidToken;
        }
    }

    /// <summary>Forgets the current token, as if it expired on the server.</summary>
    public void Expire()
    {
        lock (_gate) ValidToken = "nothing-valid-" + Guid.NewGuid();
    }

    public bool IsValid(string? token)
    {
        lock (_gate) return token is not null && token == ValidToken;
    }
}

public class TokenTests
{
    [Fact]
    public async Task Password_login_posts_tokens_once_and_every_task_call_carries_the_bearer_token()
    {
        var server = new TokenServer();
        using var c = await Connect.OpenAsync(server.Transport, Secrets.Password());

        await c.Tasks.List(new TaskQuery()).NextPageAsync(Connect.Ct);
        await c.Tasks.GetAsync("t1", Connect.Ct);
        await c.Tasks.RetryAsync("t1", Connect.Ct);
        await c.Tasks.CancelAsync("t1", Connect.Ct);

        var requests = server.Transport.Requests;
        var login = requests[0];
        Assert.Equal("POST /v1/tokens", login.Line);
        Assert.Null(login.Authorization);
        using (var body = JsonDocument.Parse(login.Body!))
        {
            Assert.Equal(Secrets.User, body.RootElement.GetProperty("username").GetString());
            Assert.Equal(Secrets.CanaryPassword, body.RootElement.GetProperty("password").GetString());
            Assert.False(body.RootElement.TryGetProperty("apiKey", out _));
        }
        Assert.Equal(1, server.Transport.Count("POST"));
        Assert.All(requests.Skip(1), r => Assert.Equal("Bearer access-token-1", r.Authorization));
        Assert.Equal(5, requests.Count);
        Assert.Equal(VcfAuthenticationMethod.Credential, c.AuthenticationMethod);
        Assert.Equal(Secrets.User, c.User);
        Assert.Equal(0, c.SessionRenewals);
    }

    [Fact]
    public async Task Api_key_login_posts_the_key_only()
    {
        var server = new TokenServer();
        using var c = await Connect.OpenAsync(server.Transport, VcfCredentials.FromApiKey(Secrets.Secure(Secrets.CanaryApiKey)));

        using var body = JsonDocument.Parse(server.Transport.Requests.Single().Body!);
        Assert.Equal(Secrets.CanaryApiKey, body.RootElement.GetProperty("apiKey").GetString());
        Assert.False(body.RootElement.TryGetProperty("username", out _));
        Assert.False(body.RootElement.TryGetProperty("password", out _));
        Assert.Equal(VcfAuthenticationMethod.ApiKey, c.AuthenticationMethod);
    }

    [Fact]
    public async Task Bad_credentials_are_AuthenticationFailed_naming_the_user_and_never_the_password()
    {
        var server = new TokenServer { LoginAccepted = false };
        var sink = new TestLogSink();
        VcfException e;
        using (VcfLog.Use(sink))
            e = await Assert.ThrowsAsync<VcfException>(() => Connect.OpenAsync(server.Transport, Secrets.Password()));

        Assert.Equal(VcfErrorKind.AuthenticationFailed, e.Kind);
        Assert.Equal(401, e.HttpStatus);
        Assert.Equal("IDENTITY_UNAUTHORIZED_ENTITY", e.ServerErrorCode);
        Assert.Contains(Secrets.User, e.Message);
        Assert.DoesNotContain(Secrets.CanaryPassword, e.ToString());
        Assert.DoesNotContain(Secrets.CanaryPassword, e.RecommendedAction ?? "");
        Assert.All(sink.Messages, m => Assert.DoesNotContain(Secrets.CanaryPassword, m.Message));
        Assert.Single(server.Transport.Requests);
    }

    [Fact]
    public async Task A_bad_api_key_is_AuthenticationFailed_without_the_key()
    {
        var server = new TokenServer { LoginAccepted = false };

        var e = await Assert.ThrowsAsync<VcfException>(() => Connect.OpenAsync(server.Transport, VcfCredentials.FromApiKey(Secrets.Secure(Secrets.CanaryApiKey))));

        Assert.Equal(VcfErrorKind.AuthenticationFailed, e.Kind);
        Assert.Contains("API key", e.Message);
        Assert.DoesNotContain(Secrets.CanaryApiKey, e.ToString());
    }

    [Fact]
    public async Task A_token_answer_without_an_access_token_is_AuthenticationFailed()
    {
        var transport = new FakeTransport(_ => Respond.Json(201, "{\"refreshToken\":{\"id\":\"r\"}}"));

        var e = await Assert.ThrowsAsync<VcfException>(() => Connect.OpenAsync(transport, Secrets.Password()));

        Assert.Equal(VcfErrorKind.AuthenticationFailed, e.Kind);
    }

    [Fact]
    public async Task A_401_refreshes_once_with_the_refresh_id_and_replays_the_request_with_the_new_token()
    {
        var server = new TokenServer();
        using var c = await Connect.OpenAsync(server.Transport, Secrets.Password());
        server.Expire();

        var task = await c.Tasks.GetAsync("t1", Connect.Ct);

        Assert.Equal("t1", task.Id);
        Assert.Equal(new[]
        {
            "POST /v1/tokens",
            "GET /v1/tasks/t1",
            "PATCH /v1/tokens/access-token/refresh",
            "GET /v1/tasks/t1",
        }, server.Transport.Requests.Select(r => r.Line));
        var refresh = server.Transport.Requests[2];
        Assert.Equal("\"" + Secrets.RefreshId + "\"", refresh.Body);
        // Per the contract every call but token creation carries the bearer token: the refresh sends the old one.
        Assert.Equal("Bearer access-token-1", refresh.Authorization);
        Assert.Equal("Bearer access-token-1", server.Transport.Requests[1].Authorization);
        Assert.Equal("Bearer access-token-2", server.Transport.Requests[3].Authorization);
        Assert.Equal(1, c.SessionRenewals);
    }

    [Fact]
    public async Task A_401_on_a_PATCH_renews_and_sends_the_PATCH_again_once()
    {
        var server = new TokenServer();
        using var c = await Connect.OpenAsync(server.Transport, Secrets.Password());
        server.Expire();

        await c.Tasks.RetryAsync("t1", Connect.Ct);

        Assert.Equal(2, server.Transport.Count("PATCH", "/v1/tasks/t1"));
        Assert.Equal(1, server.Transport.Count("PATCH", "/v1/tokens/access-token/refresh"));
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(503)]
    public async Task A_refresh_answered_with_a_transient_status_keeps_the_refresh_token_and_does_not_log_in_again(int status)
    {
        var server = new TokenServer { RefreshStatus = status };
        using var c = await Connect.OpenAsync(server.Transport, Secrets.Password());
        server.Expire();

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t1", Connect.Ct));

        Assert.Equal(VcfErrorKind.ServerError, e.Kind);
        Assert.Equal(status, e.HttpStatus);
        Assert.Equal(1, server.Transport.Count("POST", "/v1/tokens"));
        Assert.Equal(0, c.SessionRenewals);

        // Once the server copes again, the same refresh token renews the session: still no second login.
        server.RefreshStatus = null;
        var task = await c.Tasks.GetAsync("t1", Connect.Ct);
        Assert.Equal("t1", task.Id);
        Assert.Equal(1, server.Transport.Count("POST", "/v1/tokens"));
        Assert.Equal(1, c.SessionRenewals);
        Assert.Equal("\"" + Secrets.RefreshId + "\"", server.Transport.Requests.Last(r => r.Line == "PATCH /v1/tokens/access-token/refresh").Body);
    }

    [Fact]
    public async Task A_second_401_after_renewal_is_AuthenticationFailed_without_a_loop()
    {
        var server = new TokenServer { AlwaysUnauthorized = true };
        using var c = await Connect.OpenAsync(server.Transport, Secrets.Password());

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t1", Connect.Ct));

        Assert.Equal(VcfErrorKind.AuthenticationFailed, e.Kind);
        Assert.Equal(401, e.HttpStatus);
        Assert.Equal(new[]
        {
            "POST /v1/tokens",
            "GET /v1/tasks/t1",
            "PATCH /v1/tokens/access-token/refresh",
            "GET /v1/tasks/t1",
        }, server.Transport.Requests.Select(r => r.Line));
    }

    [Fact]
    public async Task A_rejected_refresh_logs_in_again_with_the_stored_credential()
    {
        var server = new TokenServer();
        using var c = await Connect.OpenAsync(server.Transport, Secrets.Password());
        server.Expire();
        server.RefreshAccepted = false;

        var task = await c.Tasks.GetAsync("t1", Connect.Ct);

        Assert.Equal("t1", task.Id);
        Assert.Equal(new[]
        {
            "POST /v1/tokens",
            "GET /v1/tasks/t1",
            "PATCH /v1/tokens/access-token/refresh",
            "POST /v1/tokens",
            "GET /v1/tasks/t1",
        }, server.Transport.Requests.Select(r => r.Line));
        var relogin = server.Transport.Requests[3];
        Assert.Contains(Secrets.CanaryPassword, relogin.Body);
        Assert.Equal("Bearer access-token-2", server.Transport.Requests[4].Authorization);
        Assert.Equal(1, c.SessionRenewals);
    }

    [Fact]
    public async Task A_rejected_refresh_and_a_rejected_login_is_AuthenticationFailed()
    {
        var server = new TokenServer();
        using var c = await Connect.OpenAsync(server.Transport, Secrets.Password());
        server.Expire();
        server.RefreshAccepted = false;
        server.LoginAccepted = false;

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t1", Connect.Ct));

        Assert.Equal(VcfErrorKind.AuthenticationFailed, e.Kind);
        Assert.DoesNotContain(Secrets.CanaryPassword, e.ToString());
        Assert.Equal(2, server.Transport.Count("POST", "/v1/tokens"));
        Assert.Equal(1, server.Transport.Count("GET", "/v1/tasks/t1"));
    }

    [Fact]
    public async Task Concurrent_callers_after_a_refused_renewal_share_one_failed_login_not_one_each()
    {
        var server = new TokenServer();
        using var c = await Connect.OpenAsync(server.Transport, Secrets.Password());
        server.Expire();
        server.RefreshAccepted = false;
        server.LoginAccepted = false;

        var calls = Enumerable.Range(0, 8).Select(i => Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t" + i, Connect.Ct))).ToArray();
        var errors = await Task.WhenAll(calls);

        Assert.All(errors, e => Assert.Equal(VcfErrorKind.AuthenticationFailed, e.Kind));
        // Every caller hears what the server said, not only the one whose login was refused.
        Assert.All(errors, e =>
        {
            Assert.Equal(401, e.HttpStatus);
            Assert.Equal("IDENTITY_UNAUTHORIZED_ENTITY", e.ServerErrorCode);
            Assert.Equal("Unable to authenticate", e.ServerMessage);
            Assert.Equal("REF123", e.ReferenceToken);
        });
        // The first login at open, then one failed login however many callers were waiting: no lock-out burst.
        Assert.Equal(2, server.Transport.Count("POST", "/v1/tokens"));
    }

    [Fact]
    public async Task A_given_access_token_is_checked_at_open_and_a_401_is_AuthenticationFailed_without_renewal()
    {
        const string given = "given-access-token-canary";
        var valid = true;
        var transport = new FakeTransport(r => valid && r.BearerToken == given
            ? (r.Path == "/v1/tasks" ? Respond.PageOfIds("a") : Respond.Object(200, Respond.Task("t1")))
            : Respond.Error(401, "UNAUTHORIZED", "Unauthorized"));
        using var c = await Connect.OpenAsync(transport, VcfCredentials.FromAccessToken(Secrets.Secure(given)));
        Assert.Equal(VcfAuthenticationMethod.AccessToken, c.AuthenticationMethod);
        Assert.Equal("GET /v1/tasks?pageNumber=0&pageSize=1", transport.Requests.Single().Line);
        valid = false;

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t1", Connect.Ct));

        Assert.Equal(VcfErrorKind.AuthenticationFailed, e.Kind);
        Assert.Equal(2, transport.Requests.Count);
        Assert.Equal(0, transport.Requests.Count(r => r.Path.StartsWith("/v1/tokens", StringComparison.Ordinal)));
        Assert.DoesNotContain(given, e.ToString());
    }

    [Fact]
    public async Task A_rejected_given_access_token_fails_at_open()
    {
        var transport = new FakeTransport(_ => Respond.Error(401, "UNAUTHORIZED", "Unauthorized"));

        var e = await Assert.ThrowsAsync<VcfException>(() => Connect.OpenAsync(transport, VcfCredentials.FromAccessToken(Secrets.Secure("x"))));

        Assert.Equal(VcfErrorKind.AuthenticationFailed, e.Kind);
        Assert.Single(transport.Requests);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(50)]
    public async Task Concurrent_401s_on_the_old_token_make_exactly_one_refresh(int callers)
    {
        var arrived = 0;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TokenServer? server = null;
        server = new TokenServer(async (r, ct) =>
        {
            if (server!.IsValid(r.BearerToken)) return Respond.Object(200, Respond.Task(r.Path.Substring("/v1/tasks/".Length)));
            // Hold every request on the old token until all callers have sent one, so all of them see a 401.
            if (Interlocked.Increment(ref arrived) == callers) allArrived.TrySetResult();
            await Task.WhenAny(allArrived.Task, Task.Delay(5000, ct));
            return Respond.Error(401, "UNAUTHORIZED", "Unauthorized");
        });
        using var c = await Connect.OpenAsync(server.Transport, Secrets.Password());
        server.Expire();

        var tasks = await Task.WhenAll(Enumerable.Range(0, callers).Select(i => Task.Run(() => c.Tasks.GetAsync("t" + i, Connect.Ct))));

        Assert.True(allArrived.Task.IsCompleted, "every caller should have got a 401 on the old token");
        Assert.Equal(Enumerable.Range(0, callers).Select(i => "t" + i), tasks.Select(t => t.Id));
        Assert.Equal(1, server.Transport.Count("PATCH", "/v1/tokens/access-token/refresh"));
        Assert.Equal(1, server.Transport.Count("POST", "/v1/tokens"));
        Assert.Equal(2 * callers, server.Transport.Requests.Count(r => r.Path.StartsWith("/v1/tasks/", StringComparison.Ordinal)));
        Assert.Equal(1, c.SessionRenewals);
    }

    [Fact]
    public async Task A_JWT_expiring_within_a_minute_is_refreshed_before_the_next_request()
    {
        var server = new TokenServer
        {
            MakeToken = n => n == 1 ? Jwt.Expiring(DateTimeOffset.UtcNow.AddSeconds(30), "first") : Jwt.Expiring(DateTimeOffset.UtcNow.AddHours(1), "second"),
        };
        using var c = await Connect.OpenAsync(server.Transport, Secrets.Password());
        Assert.NotNull(c.TokenExpiresAt);
        Assert.True(c.TokenExpiresAt < DateTimeOffset.UtcNow.AddMinutes(1));

        await c.Tasks.GetAsync("t1", Connect.Ct);
        await c.Tasks.GetAsync("t2", Connect.Ct);

        Assert.Equal(new[]
        {
            "POST /v1/tokens",
            "PATCH /v1/tokens/access-token/refresh",
            "GET /v1/tasks/t1",
            "GET /v1/tasks/t2",
        }, server.Transport.Requests.Select(r => r.Line));
        Assert.Equal("Bearer " + server.ValidToken, server.Transport.Requests[2].Authorization);
        Assert.True(c.TokenExpiresAt > DateTimeOffset.UtcNow.AddMinutes(50));
    }

    [Fact]
    public async Task A_JWT_expiring_in_more_than_a_minute_is_not_refreshed_ahead()
    {
        var server = new TokenServer { MakeToken = _ => Jwt.Expiring(DateTimeOffset.UtcNow.AddMinutes(5)) };
        using var c = await Connect.OpenAsync(server.Transport, Secrets.Password());

        await c.Tasks.GetAsync("t1", Connect.Ct);

        Assert.Equal(0, server.Transport.Count("PATCH"));
    }

    [Fact]
    public async Task Concurrent_requests_on_a_token_about_to_expire_share_one_renewal()
    {
        var server = new TokenServer
        {
            MakeToken = n => Jwt.Expiring(n == 1 ? DateTimeOffset.UtcNow.AddSeconds(10) : DateTimeOffset.UtcNow.AddHours(1), "n" + n),
        };
        using var c = await Connect.OpenAsync(server.Transport, Secrets.Password());

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => c.Tasks.GetAsync("t" + i, Connect.Ct))));

        Assert.Equal(1, server.Transport.Count("PATCH", "/v1/tokens/access-token/refresh"));
        Assert.Equal(0, server.Transport.Requests.Count(r => r.Path.StartsWith("/v1/tasks/", StringComparison.Ordinal) && !server.IsValid(r.BearerToken)));
    }

    [Fact]
    public async Task CloseAsync_revokes_the_refresh_token_with_its_id_as_a_JSON_string_once()
    {
        var server = new TokenServer();
        var c = await Connect.OpenAsync(server.Transport, Secrets.Password());

        await c.CloseAsync(Connect.Ct);
        await c.CloseAsync(Connect.Ct);

        var revoke = server.Transport.Requests.Last();
        Assert.Equal("DELETE /v1/tokens/refresh-token", revoke.Line);
        Assert.Equal("\"" + Secrets.RefreshId + "\"", revoke.Body);
        Assert.Equal(1, server.Transport.Count("DELETE"));
        Assert.False(c.IsConnected);
    }

    [Fact]
    public async Task CloseAsync_without_a_refresh_token_sends_nothing()
    {
        var transport = new FakeTransport(_ => Respond.PageOfIds("a"));
        var c = await Connect.OpenAsync(transport, VcfCredentials.FromAccessToken(Secrets.Secure("given")));

        await c.CloseAsync(Connect.Ct);

        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task A_failed_revocation_is_a_warning_not_an_error()
    {
        var transport = new FakeTransport(r => r.Method == "POST" ? Respond.TokenPair("a", "r") : Respond.Error(500, "E", "boom"));
        var c = await Connect.OpenAsync(transport, Secrets.Password());
        var sink = new TestLogSink();

        using (VcfLog.Use(sink)) await c.CloseAsync(Connect.Ct);

        Assert.Contains(sink.At(VcfLogLevel.Warning), m => m.Contains("500", StringComparison.Ordinal));
    }

    [Fact]
    public void JwtExpiry_reads_exp_from_a_good_token()
    {
        var exp = new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.Zero);
        Assert.Equal(exp, JwtExpiry.Read(Jwt.Expiring(exp)));
        Assert.Equal(exp, JwtExpiry.Read(Jwt.WithPayload("{\"nested\":{\"exp\":1},\"list\":[1,{\"a\":2}],\"exp\":" + exp.ToUnixTimeSeconds() + "}")));
    }

    [Fact]
    public void JwtExpiry_reads_payloads_that_need_base64url_padding_and_characters()
    {
        // Payload lengths 1..3 mod 3 exercise every padding; '?' and '>' produce '_' and '-' in base64url.
        for (int extra = 0; extra < 3; extra++)
        {
            var payload = "{\"x\":\"" + new string('?', extra) + ">>>???\",\"exp\":1700000000}";
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), JwtExpiry.Read("h." + Jwt.Base64Url(payload) + ".s"));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("opaque-token")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.!!!notbase64!!!.sig")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.sig")] // {} : no exp
    [InlineData("eyJhbGciOiJIUzI1NiJ9.W10.sig")] // [] : not an object
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJleHAi.sig")] // {"exp" : truncated
    [InlineData("h.eyJleHAiOiIxNzAwMDAwMDAwIn0.s")] // {"exp":"1700000000"} : a string
    [InlineData("h.eyJleHAiOjEuNWUxMH0.s")] // {"exp":1.5e10}
    [InlineData("h.eyJleHAiOjk5OTk5OTk5OTk5OTk5OX0.s")] // {"exp":999999999999999} : out of range
    [InlineData("h.a.s")] // one base64 character
    public void JwtExpiry_is_null_for_malformed_and_non_JWT_tokens(string? token)
    {
        Assert.Null(JwtExpiry.Read(token));
    }

    [Fact]
    public async Task The_token_expiry_but_never_the_token_is_exposed_on_the_connection()
    {
        var exp = DateTimeOffset.UtcNow.AddHours(1);
        var token = Jwt.Expiring(exp);
        var server = new TokenServer { MakeToken = _ => token };
        using var c = await Connect.OpenAsync(server.Transport, Secrets.Password());

        Assert.Equal(exp.ToUnixTimeSeconds(), c.TokenExpiresAt!.Value.ToUnixTimeSeconds());
        var sink = new TestLogSink();
        using (VcfLog.Use(sink)) await c.Tasks.GetAsync("t1", Connect.Ct);
        Assert.NotEmpty(sink.Messages);
        Assert.All(sink.Messages, m => Assert.DoesNotContain(token, m.Message));
    }
}

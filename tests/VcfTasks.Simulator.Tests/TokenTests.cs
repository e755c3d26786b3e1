using System.Buffers.Text;
using System.Net;
using System.Text.Json;

namespace VcfTasks.Simulator.Tests;

public sealed class TokenTests
{
    [Fact]
    public async Task Password_login_returns_201_TokenPair_with_HS256_JWT_whose_exp_is_iat_plus_lifetime()
    {
        await using var sim = await Sim.StartAsync(o => o.TokenLifetimeSeconds = 1234);
        await sim.LoginAsync();

        var parts = sim.AccessToken!.Split('.');
        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.RootElement.GetProperty("typ").GetString());
        Assert.Equal(sim.Instance.Username, payload.RootElement.GetProperty("sub").GetString());
        var iat = payload.RootElement.GetProperty("iat").GetInt64();
        Assert.Equal(iat + 1234, payload.RootElement.GetProperty("exp").GetInt64());
        Assert.InRange(iat, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.False(string.IsNullOrEmpty(payload.RootElement.GetProperty("jti").GetString()));
        Assert.True(Guid.TryParse(sim.RefreshId, out _));

        await sim.GetAsync("/v1/tasks");
    }

    [Fact]
    public async Task Api_key_login_works_and_fixed_credentials_are_honoured()
    {
        await using var sim = await Sim.StartAsync(o => { o.Username = "demo@vsphere.local"; o.Password = "VMware1!VMware1!"; });
        Assert.Equal("demo@vsphere.local", sim.Instance.Username);
        Assert.Equal("VMware1!VMware1!", sim.Instance.Password);

        var pair = await sim.JsonAsync(HttpMethod.Post, "/v1/tokens", HttpStatusCode.Created, "TokenPair",
            Sim.Json(new { apiKey = sim.Instance.ApiKey }), auth: false);
        sim.AccessToken = pair.GetProperty("accessToken").GetString();
        await sim.GetAsync("/v1/tasks");
    }

    [Fact]
    public async Task Wrong_credentials_give_401_and_a_malformed_body_gives_400()
    {
        await using var sim = await Sim.StartAsync();
        await sim.ErrorAsync(HttpMethod.Post, "/v1/tokens", HttpStatusCode.Unauthorized, "IDENTITY_UNAUTHORIZED_ENTITY",
            Sim.Json(new { username = sim.Instance.Username, password = "wrong" }), auth: false);
        await sim.ErrorAsync(HttpMethod.Post, "/v1/tokens", HttpStatusCode.Unauthorized, "IDENTITY_UNAUTHORIZED_ENTITY",
            Sim.Json(new { apiKey = "nope" }), auth: false);
        await sim.ErrorAsync(HttpMethod.Post, "/v1/tokens", HttpStatusCode.BadRequest, "TOKEN_BAD_REQUEST",
            new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), auth: false);
        await sim.ErrorAsync(HttpMethod.Post, "/v1/tokens", HttpStatusCode.BadRequest, "TOKEN_BAD_REQUEST",
            Sim.Json(new { username = "only-a-name" }), auth: false);
    }

    [Fact]
    public async Task Refresh_returns_a_new_access_token_as_a_JSON_string_without_a_bearer_header()
    {
        await using var sim = await Sim.StartAsync();
        await sim.LoginAsync();
        var old = sim.AccessToken;
        sim.AccessToken = null;

        using var response = await sim.SendAsync(HttpMethod.Patch, "/v1/tokens/access-token/refresh", Sim.Json(sim.RefreshId!));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fresh = JsonSerializer.Deserialize<string>(await response.Content.ReadAsStringAsync());
        Assert.NotNull(fresh);
        Assert.NotEqual(old, fresh);

        sim.AccessToken = fresh;
        await sim.GetAsync("/v1/tasks");
    }

    [Fact]
    public async Task Refresh_with_an_unknown_id_gives_404_and_an_empty_body_gives_400()
    {
        await using var sim = await Sim.StartAsync();
        await sim.ErrorAsync(HttpMethod.Patch, "/v1/tokens/access-token/refresh", HttpStatusCode.NotFound, "REFRESH_TOKEN_NOT_FOUND",
            Sim.Json(Guid.NewGuid().ToString()), auth: false);
        await sim.ErrorAsync(HttpMethod.Patch, "/v1/tokens/access-token/refresh", HttpStatusCode.BadRequest, "TOKEN_BAD_REQUEST",
            new StringContent(""), auth: false);
    }

    [Fact]
    public async Task Revoking_a_refresh_token_gives_204_and_rejects_it_and_its_access_tokens()
    {
        await using var sim = await Sim.StartAsync();
        await sim.LoginAsync();
        using (var refreshed = await sim.SendAsync(HttpMethod.Patch, "/v1/tokens/access-token/refresh", Sim.Json(sim.RefreshId!), auth: false))
        {
            Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        }

        using (var revoke = await sim.SendAsync(HttpMethod.Delete, "/v1/tokens/refresh-token", Sim.Json(sim.RefreshId!), auth: false))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        await sim.ErrorAsync(HttpMethod.Patch, "/v1/tokens/access-token/refresh", HttpStatusCode.NotFound, "REFRESH_TOKEN_NOT_FOUND",
            Sim.Json(sim.RefreshId!), auth: false);
        var error = await sim.ErrorAsync(HttpMethod.Get, "/v1/tasks", HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Contains("revoked", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_access_token_is_accepted_until_exp_and_refused_from_exp_on_and_refresh_gives_a_working_one()
    {
        // The simulator's clock is moved by hand, so expiry is reached exactly, with no sleeping.
        const int Lifetime = 60;
        var clock = new ManualClock();
        await using var sim = await Sim.StartAsync(o => { o.TokenLifetimeSeconds = Lifetime; o.TimeProvider = clock; });
        await sim.LoginAsync();
        var iat = clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(iat, Claim(sim.AccessToken!, "iat"));
        Assert.Equal(iat + Lifetime, Claim(sim.AccessToken!, "exp"));

        // exp counts whole seconds: the last second before it still works, the second it names does not.
        clock.Advance(TimeSpan.FromSeconds(Lifetime - 1));
        await sim.GetAsync("/v1/tasks?pageSize=1");
        clock.Advance(TimeSpan.FromSeconds(1));
        var error = await sim.ErrorAsync(HttpMethod.Get, "/v1/tasks", HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Contains("expired", error.GetProperty("message").GetString());

        using var response = await sim.SendAsync(HttpMethod.Patch, "/v1/tokens/access-token/refresh", Sim.Json(sim.RefreshId!), auth: false);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        sim.AccessToken = JsonSerializer.Deserialize<string>(await response.Content.ReadAsStringAsync());
        Assert.Equal(iat + Lifetime + Lifetime, Claim(sim.AccessToken!, "exp"));
        await sim.GetAsync("/v1/tasks?pageSize=1");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")]
    public async Task Missing_malformed_or_forged_tokens_get_401_on_every_protected_endpoint(string? authorization)
    {
        await using var sim = await Sim.StartAsync();
        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Get, "/v1/tasks"), (HttpMethod.Get, "/v1/tasks/389c2fb6-3cea-47d7-b830-e701f4cf9aed"),
                     (HttpMethod.Patch, "/v1/tasks/389c2fb6-3cea-47d7-b830-e701f4cf9aed"), (HttpMethod.Delete, "/v1/tasks/x"),
                     (HttpMethod.Get, "/v1/credentials/tasks"), (HttpMethod.Get, "/v1/credentials/tasks/x"),
                 })
        {
            var request = new HttpRequestMessage(method, path);
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var response = await sim.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            SchemaValidator.AssertValid(error, "Error");
            Assert.Equal("UNAUTHORIZED", error.GetProperty("errorCode").GetString());
        }

        // A retry that was refused must not have happened.
        await sim.LoginAsync();
        var task = await sim.GetAsync("/v1/tasks/389c2fb6-3cea-47d7-b830-e701f4cf9aed", "Task");
        Assert.Equal("Failed", task.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_token_signed_by_another_simulator_start_is_refused()
    {
        await using var a = await Sim.StartAsync();
        await using var b = await Sim.StartAsync();
        await a.LoginAsync();
        b.AccessToken = a.AccessToken;
        await b.ErrorAsync(HttpMethod.Get, "/v1/tasks", HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Control_expire_and_revoke_refresh_invalidate_tokens_at_once()
    {
        await using var sim = await Sim.StartAsync();
        await sim.LoginAsync();
        await sim.ControlAsync(HttpMethod.Post, "/_sim/tokens/expire");
        await sim.ErrorAsync(HttpMethod.Get, "/v1/tasks", HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        await sim.ControlAsync(HttpMethod.Post, "/_sim/tokens/revoke-refresh");
        await sim.ErrorAsync(HttpMethod.Patch, "/v1/tokens/access-token/refresh", HttpStatusCode.NotFound, "REFRESH_TOKEN_NOT_FOUND",
            Sim.Json(sim.RefreshId!), auth: false);
    }

    /// <summary>A numeric claim of a JWT's payload.</summary>
    private static long Claim(string jwt, string name)
    {
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[1]));
        return payload.RootElement.GetProperty(name).GetInt64();
    }
}

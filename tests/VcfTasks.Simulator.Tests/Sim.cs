using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace VcfTasks.Simulator.Tests;

/// <summary>
/// One in-process simulator plus an HttpClient that trusts exactly its certificate (pinned by
/// SHA-256 thumbprint). Every /v1 JSON answer read through <see cref="JsonAsync"/> is checked
/// against the official schema.
/// </summary>
internal sealed class Sim : IAsyncDisposable
{
    private Sim(SimulatorInstance instance, HttpClient http)
    {
        Instance = instance;
        Http = http;
    }

    public SimulatorInstance Instance { get; }

    public HttpClient Http { get; }

    public string? AccessToken { get; set; }

    public string? RefreshId { get; private set; }

    /// <summary>A fixed anchor so that generated data does not depend on the day the tests run.</summary>
    public static readonly DateTimeOffset Anchor = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    public static async Task<Sim> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions { Port = 0, TaskCount = 60, Seed = 7, Anchor = Anchor };
        configure?.Invoke(options);
        var instance = await SimulatorHost.StartAsync(options, CancellationToken.None);
        return new Sim(instance, CreateClient(instance));
    }

    /// <summary>A client for one server of a fleet (disposing it stops that server).</summary>
    public static Sim For(SimulatorInstance instance) => new(instance, CreateClient(instance));

    public static HttpClient CreateClient(SimulatorInstance instance)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                cert is not null && Convert.ToHexString(SHA256.HashData(cert.RawData)) == instance.Thumbprint,
        };
        return new HttpClient(handler) { BaseAddress = instance.Url, Timeout = TimeSpan.FromSeconds(20) };
    }

    /// <summary>Logs in with the password and keeps the token pair.</summary>
    public async Task LoginAsync()
    {
        var pair = await JsonAsync(HttpMethod.Post, "/v1/tokens", HttpStatusCode.Created, "TokenPair",
            Json(new { username = Instance.Username, password = Instance.Password }), auth: false);
        AccessToken = pair.GetProperty("accessToken").GetString();
        RefreshId = pair.GetProperty("refreshToken").GetProperty("id").GetString();
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? body = null, bool auth = true, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(method, path) { Content = body };
        if (auth && AccessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        }

        return Http.SendAsync(request, ct);
    }

    /// <summary>Sends, asserts the status, parses the body and validates it against <paramref name="schema"/>.</summary>
    public async Task<JsonElement> JsonAsync(HttpMethod method, string path, HttpStatusCode expected, string schema, HttpContent? body = null, bool auth = true)
    {
        using var response = await SendAsync(method, path, body, auth);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var element = JsonDocument.Parse(text).RootElement.Clone();
        SchemaValidator.AssertValid(element, schema);
        return element;
    }

    public Task<JsonElement> GetAsync(string path, string schema = "PageOfTask") => JsonAsync(HttpMethod.Get, path, HttpStatusCode.OK, schema);

    /// <summary>Expects an Error body with that status and errorCode; returns it.</summary>
    public async Task<JsonElement> ErrorAsync(HttpMethod method, string path, HttpStatusCode status, string errorCode, HttpContent? body = null, bool auth = true)
    {
        var error = await JsonAsync(method, path, status, "Error", body, auth);
        Assert.Equal(errorCode, error.GetProperty("errorCode").GetString());
        Assert.Matches("^[A-Z0-9]{6}$", error.GetProperty("referenceToken").GetString());
        return error;
    }

    /// <summary>Every task of the default listing, elements only.</summary>
    public async Task<List<JsonElement>> AllTasksAsync(string path = "/v1/tasks") =>
        [.. (await GetAsync(path)).GetProperty("elements").EnumerateArray()];

    /// <summary>Calls the control API with the key.</summary>
    public async Task<HttpResponseMessage> ControlAsync(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json(body) };
        request.Headers.Add("X-Sim-Control-Key", Instance.ControlKey);
        var response = await Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"control {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    public Task<HttpResponseMessage> FaultAsync(object fault) => ControlAsync(HttpMethod.Post, "/_sim/faults", fault);

    public async Task<JsonElement> RequestLogAsync()
    {
        using var response = await ControlAsync(HttpMethod.Get, "/_sim/requests");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>The queued faults not yet used up (GET /_sim/faults).</summary>
    public async Task<JsonElement> PendingFaultsAsync()
    {
        using var response = await ControlAsync(HttpMethod.Get, "/_sim/faults");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>
    /// Waits until the server has taken every queued fault, that is until <paramref name="pending"/>
    /// (the request the fault is meant for) has arrived and is being played. Fails at once if that
    /// request ends first. Event-driven: no step depends on how fast the machine is.
    /// </summary>
    public async Task WaitUntilFaultsTakenAsync(Task pending)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await PendingFaultsAsync()).GetArrayLength() > 0)
        {
            if (pending.IsCompleted)
            {
                var outcome = pending.IsFaulted ? pending.Exception!.GetBaseException().Message : pending.Status.ToString();
                throw new Xunit.Sdk.XunitException("the request ended before the server took its fault: " + outcome);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException("the server never took the queued fault");
            }

            await Task.Delay(20);
        }
    }

    public static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    public static string Norm(JsonElement task) =>
        task.GetProperty("status").GetString()!.ToUpperInvariant().Replace(' ', '_');

    public static string Id(JsonElement task) => task.GetProperty("id").GetString()!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Instance.DisposeAsync();
    }
}

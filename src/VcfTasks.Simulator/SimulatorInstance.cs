using System.Text.Json;

namespace VcfTasks.Simulator;

/// <summary>
/// A running simulator: where it listens, the certificate to pin, and this start's secrets.
/// Dispose it to stop the server.
/// </summary>
public sealed class SimulatorInstance : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Hosting.ConnectProxy _proxy;
    private int _disposed;

    internal SimulatorInstance(WebApplication app, Hosting.ConnectProxy proxy, Uri url, string thumbprint, string thumbprintSha1,
        string username, string password, string apiKey, string controlKey, int taskCount, SimulatorOptions options)
    {
        Api = options.Api;
        Quirks = options.Quirks;
        JunkElements = options.JunkElements;
        _app = app;
        _proxy = proxy;
        Url = url;
        Thumbprint = thumbprint;
        ThumbprintSha1 = thumbprintSha1;
        Username = username;
        Password = password;
        ApiKey = apiKey;
        ControlKey = controlKey;
        TaskCount = taskCount;
    }

    /// <summary>The base URL, https://127.0.0.1:PORT/.</summary>
    public Uri Url { get; }

    /// <summary>A loopback HTTPS forward proxy (CONNECT) that tunnels to loopback only and logs each tunnel as a CONNECT request.</summary>
    public Uri ProxyUrl => _proxy.Url;

    /// <summary>The listening port.</summary>
    public int Port => Url.Port;

    /// <summary>SHA-256 of the server certificate's DER encoding, 64 upper-case hex digits.</summary>
    public string Thumbprint { get; }

    /// <summary>SHA-1 of the server certificate's DER encoding, 40 upper-case hex digits.</summary>
    public string ThumbprintSha1 { get; }

    /// <summary>The user name POST /v1/tokens accepts.</summary>
    public string Username { get; }

    /// <summary>The password POST /v1/tokens accepts.</summary>
    public string Password { get; }

    /// <summary>The API key POST /v1/tokens accepts.</summary>
    public string ApiKey { get; }

    /// <summary>The value of the X-Sim-Control-Key header the /_sim endpoints require.</summary>
    public string ControlKey { get; }

    /// <summary>The latency added to each /v1 request (tests watch how many requests wait it out at once).</summary>
    internal Faults.Latency Latency { get; init; } = new(0);

    /// <summary>The tasks (tests read how often a listing selected from all of them).</summary>
    internal Tasks.TaskStore? Store { get; init; }

    /// <summary>How many times a listing filtered and sorted every task since the start.</summary>
    internal int ListingSelections => Store?.ListingSelections ?? 0;

    /// <summary>How many tasks the simulator started with.</summary>
    public int TaskCount { get; }

    /// <summary>The SDDC Manager version whose tasks API this instance plays: "4.5", "5.2" or "9.0".</summary>
    public string Api { get; }

    /// <summary>Whether tasks are written with the quirks of a server that is not ours.</summary>
    public bool Quirks { get; }

    /// <summary>Whether the listing holds the two broken records of <c>--junk-elements</c>.</summary>
    public bool JunkElements { get; }

    /// <summary>Completes when the server has stopped (after <see cref="DisposeAsync"/> or <see cref="StopAsync"/>).</summary>
    public Task Stopped => _stopped.Task;

    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The one JSON line the process prints on start: url, thumbprints, credentials, keys, pid and the API mode.</summary>
    public string StartupLine() => JsonSerializer.Serialize(new
    {
        url = Url.GetLeftPart(UriPartial.Authority),
        thumbprint = Thumbprint,
        thumbprintSha1 = ThumbprintSha1,
        username = Username,
        password = Password,
        apiKey = ApiKey,
        controlKey = ControlKey,
        proxyUrl = ProxyUrl.GetLeftPart(UriPartial.Authority),
        pid = Environment.ProcessId,
        api = Api,
        quirks = Quirks,
        junkElements = JunkElements,
    });

    /// <summary>Stops the server; requests still hanging are cut off.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            await _stopped.Task.WaitAsync(cancellationToken);
            return;
        }

        try
        {
            // Hung requests watch ApplicationStopping, so a short grace period is enough.
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            grace.CancelAfter(TimeSpan.FromSeconds(2));
            await _app.StopAsync(grace.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Grace period over: whatever is left is dropped by DisposeAsync below.
        }
        finally
        {
            await _proxy.DisposeAsync();
            await _app.DisposeAsync();
            _stopped.TrySetResult();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync();
}

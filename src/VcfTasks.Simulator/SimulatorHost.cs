using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using VcfTasks.Simulator.Auth;
using VcfTasks.Simulator.Endpoints;
using VcfTasks.Simulator.Faults;
using VcfTasks.Simulator.Hosting;
using VcfTasks.Simulator.Tasks;
using VcfTasks.Simulator.Wire;

namespace VcfTasks.Simulator;

/// <summary>Starts simulators in the current process: what Program does for the command line, and what tests call directly.</summary>
public static class SimulatorHost
{
    /// <summary>
    /// Builds the tasks, creates a certificate and starts Kestrel on 127.0.0.1 only.
    /// Returns once the server is listening.
    /// </summary>
    public static async Task<SimulatorInstance> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = options.TimeProvider;
        var now = clock.GetUtcNow();
        var credentials = Credentials.Create(options.Username, options.Password);
        var certificate = Certificates.CreateSelfSigned(now);

        var anchor = options.Anchor ?? new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var tasks = options.FixturePath is { } fixture
            ? FixtureLoader.Load(fixture)
            : new TaskGenerator(options.Seed, anchor).Generate(options.TaskCount, options.IncludeSeedTasks);
        var profile = ApiProfile.Find(options.Api) ?? throw new ArgumentException($"Unknown API version '{options.Api}'.", nameof(options));
        var quirks = options.Quirks ? new TaskQuirks(options.Seed) : null;
        if (options.FixturePath is null)
        {
            quirks?.AddSkipped(tasks);
        }

        if (options.JunkElements)
        {
            JunkElements.Add(tasks);
        }

        var store = new TaskStore(tasks, new RetryEngine(TimeSpan.FromMilliseconds(options.StepMs), options.RetryFailurePercent), clock,
            new TaskWriter(profile, quirks, options.JunkElements), PagingRules.From(options));
        var tokens = new TokenService(TimeSpan.FromSeconds(options.TokenLifetimeSeconds), clock);
        var faults = new FaultQueue();
        var log = new RequestLog();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // stdout carries the one startup line; everything the framework has to say goes to stderr.
        builder.Logging.AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.UseKestrel(k =>
        {
            // Loopback only, never any other address: the simulator hands out its password freely.
            k.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificate));
            k.AddServerHeader = false;
        });

        var app = builder.Build();
        var player = new FaultPlayer(tokens, app.Lifetime.ApplicationStopping);
        var latency = new Latency(options.LatencyMs);
        app.UseMiddleware<SimulationMiddleware>(faults, log, player, latency, clock);
        app.UseMiddleware<BearerAuthMiddleware>(tokens);
        TokenEndpoints.Map(app, tokens, credentials);
        TaskEndpoints.Map(app, store, profile);
        CredentialsEndpoints.Map(app, store, profile, options.Quirks ? options.Seed : null);
        ControlEndpoints.Map(app, credentials.ControlKey, faults, log, store, tokens);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var proxy = new ConnectProxy(log);
        return new SimulatorInstance(app, proxy, new Uri($"https://127.0.0.1:{port}"),
            Certificates.Sha256Thumbprint(certificate), Certificates.Sha1Thumbprint(certificate),
            credentials.Username, credentials.Password, credentials.ApiKey, credentials.ControlKey, store.Count, options)
        {
            Latency = latency,
            Store = store,
        };
    }
}

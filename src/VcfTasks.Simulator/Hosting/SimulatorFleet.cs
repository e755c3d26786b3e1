using System.Text.Json.Nodes;

namespace VcfTasks.Simulator.Hosting;

/// <summary>
/// Several simulated SDDC Managers in one process (<c>--servers N</c>): each a whole <see cref="SimulatorInstance"/>
/// on its own loopback port, with its own tasks, tokens, password, certificate, latency and fault queue, so a test
/// or a benchmark of a fleet needs one process instead of N. Dispose it to stop them all.
/// </summary>
public sealed class SimulatorFleet : IAsyncDisposable
{
    private SimulatorFleet(IReadOnlyList<SimulatorInstance> servers)
    {
        Servers = servers;
        // The process serves until every server is stopped; one stopping on its own (it cannot today) ends the wait too.
        Stopped = Task.WhenAny(servers.Select(s => s.Stopped)).Unwrap();
    }

    /// <summary>The servers, in the order of their seeds (server i has seed Seed + i).</summary>
    public IReadOnlyList<SimulatorInstance> Servers { get; }

    /// <summary>Completes when a server has stopped.</summary>
    public Task Stopped { get; }

    /// <summary>
    /// Starts <see cref="SimulatorOptions.Servers"/> servers side by side (certificates are made at once, not one
    /// after another). A server that fails to start stops the ones already running, and the failure is thrown.
    /// </summary>
    public static async Task<SimulatorFleet> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        int count = Math.Max(1, options.Servers);
        if (options.Port != 0 && options.Port + count - 1 > 65535)
        {
            throw new ArgumentException($"Ports {options.Port} to {options.Port + count - 1} do not all exist; use --port 0.", nameof(options));
        }

        var starts = Enumerable.Range(0, count).Select(i => SimulatorHost.StartAsync(options.ForServer(i), cancellationToken)).ToList();
        try
        {
            return new SimulatorFleet(await Task.WhenAll(starts));
        }
        catch
        {
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await start.Result.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// The one JSON line the process prints on start. With one server it is that server's line, as ever. With
    /// several it is the first server's line (so a reader of one server still works) plus <c>servers</c>: every
    /// server's own line, as objects, in order.
    /// </summary>
    public string StartupLine()
    {
        if (Servers.Count == 1)
        {
            return Servers[0].StartupLine();
        }

        var first = JsonNode.Parse(Servers[0].StartupLine())!.AsObject();
        var all = new JsonArray();
        foreach (var server in Servers)
        {
            all.Add(JsonNode.Parse(server.StartupLine()));
        }

        first["servers"] = all;
        return first.ToJsonString();
    }

    /// <summary>Stops every server side by side.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(Servers.Select(s => s.StopAsync(cancellationToken)));

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync();
}

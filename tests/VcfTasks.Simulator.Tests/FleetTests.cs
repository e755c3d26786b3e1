using System.Diagnostics;
using System.Net;
using System.Text.Json;
using VcfTasks.Simulator.Hosting;

namespace VcfTasks.Simulator.Tests;

/// <summary>--servers N: N SDDC Managers in one process, each with its own port, tasks, tokens, certificate, latency and faults.</summary>
public sealed class FleetTests
{
    private static SimulatorOptions Options(int servers) =>
        new() { Port = 0, TaskCount = 20, Seed = 7, Anchor = Sim.Anchor, Servers = servers };

    [Fact]
    public void Servers_is_parsed_and_checked()
    {
        Assert.Equal(20, OptionsParser.Parse(["--servers", "20"]).Servers);
        Assert.Equal(1, OptionsParser.Parse([]).Servers);
        Assert.Throws<OptionsException>(() => OptionsParser.Parse(["--servers", "0"]));
        Assert.Throws<OptionsException>(() => OptionsParser.Parse(["--servers", "65"]));
    }

    [Fact]
    public async Task Each_server_has_its_own_port_certificate_password_and_tasks()
    {
        await using var fleet = await SimulatorFleet.StartAsync(Options(3));
        var servers = fleet.Servers;
        Assert.Equal(3, servers.Count);
        Assert.Equal(3, servers.Select(s => s.Port).Distinct().Count());
        Assert.Equal(3, servers.Select(s => s.Thumbprint).Distinct().Count());
        Assert.Equal(3, servers.Select(s => s.Password).Distinct().Count());

        var ids = new List<HashSet<string>>();
        foreach (var server in servers)
        {
            var sim = Sim.For(server);
            await sim.LoginAsync();
            ids.Add([.. (await sim.AllTasksAsync()).Select(t => t.GetProperty("id").GetString()!)]);
        }

        // Seeds 7, 8, 9: the generated tasks differ (the product page's three seed tasks are on every server).
        Assert.True(ids[0].Except(ids[1]).Count() >= 15, "servers 0 and 1 hold the same tasks");
        Assert.True(ids[1].Except(ids[2]).Count() >= 15, "servers 1 and 2 hold the same tasks");
    }

    [Fact]
    public async Task A_token_from_one_server_is_refused_by_another()
    {
        await using var fleet = await SimulatorFleet.StartAsync(Options(2));
        var first = Sim.For(fleet.Servers[0]);
        var second = Sim.For(fleet.Servers[1]);
        await first.LoginAsync();
        second.AccessToken = first.AccessToken;
        using var refused = await second.SendAsync(HttpMethod.Get, "/v1/tasks");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var accepted = await first.SendAsync(HttpMethod.Get, "/v1/tasks");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_fault_and_the_request_log_belong_to_one_server()
    {
        await using var fleet = await SimulatorFleet.StartAsync(Options(2));
        var first = Sim.For(fleet.Servers[0]);
        var second = Sim.For(fleet.Servers[1]);
        await first.LoginAsync();
        await second.LoginAsync();
        await second.FaultAsync(new { method = "GET", path = "/v1/tasks", kind = "status", status = 503, count = 1 });

        using var healthy = await first.SendAsync(HttpMethod.Get, "/v1/tasks");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        using var faulted = await second.SendAsync(HttpMethod.Get, "/v1/tasks");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);

        var firstLog = (await first.RequestLogAsync()).EnumerateArray().Select(e => e.GetProperty("status").GetInt32()).ToList();
        Assert.DoesNotContain(503, firstLog);
        Assert.Contains(503, (await second.RequestLogAsync()).EnumerateArray().Select(e => e.GetProperty("status").GetInt32()));
    }

    [Fact]
    public async Task The_startup_line_lists_every_server_after_the_first_ones_own_fields()
    {
        await using var fleet = await SimulatorFleet.StartAsync(Options(3));
        var line = JsonDocument.Parse(fleet.StartupLine()).RootElement;
        var listed = line.GetProperty("servers").EnumerateArray().ToList();
        Assert.Equal(fleet.Servers.Select(s => s.Url.GetLeftPart(UriPartial.Authority)), listed.Select(s => s.GetProperty("url").GetString()));
        Assert.Equal(fleet.Servers.Select(s => s.Thumbprint), listed.Select(s => s.GetProperty("thumbprint").GetString()));
        Assert.Equal(fleet.Servers[0].Url.GetLeftPart(UriPartial.Authority), line.GetProperty("url").GetString());

        await using var single = await SimulatorFleet.StartAsync(Options(1));
        Assert.False(JsonDocument.Parse(single.StartupLine()).RootElement.TryGetProperty("servers", out _));
    }

    [Fact]
    public async Task The_process_with_servers_3_prints_all_three_and_serves_each()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(SimulatorHost).Assembly.Location);
        foreach (var a in new[] { "--port", "0", "--tasks", "10", "--servers", "3" })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var servers = JsonDocument.Parse(line!).RootElement.GetProperty("servers").EnumerateArray().ToList();
            Assert.Equal(3, servers.Count);
            Assert.Equal(3, servers.Select(s => s.GetProperty("url").GetString()).Distinct().Count());
            foreach (var server in servers)
            {
                using var handler = new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                        cert is not null && Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(cert.RawData)) == server.GetProperty("thumbprint").GetString(),
                };
                using var http = new HttpClient(handler) { BaseAddress = new Uri(server.GetProperty("url").GetString()!) };
                using var login = await http.PostAsync("/v1/tokens", Sim.Json(new
                {
                    username = server.GetProperty("username").GetString(),
                    password = server.GetProperty("password").GetString(),
                }));
                Assert.Equal(HttpStatusCode.Created, login.StatusCode);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace VcfTasks.Simulator.Tests;

public sealed class ProcessTests
{
    /// <summary>The built simulator: the project reference copies it (with its runtimeconfig) beside the tests.</summary>
    private static string SimulatorDll
    {
        get
        {
            var beside = typeof(SimulatorHost).Assembly.Location;
            Assert.True(File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json")), "runtimeconfig missing beside " + beside);
            return beside;
        }
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(SimulatorDll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info)!;
    }

    [Fact]
    public async Task The_process_prints_one_JSON_line_serves_and_exits_0_when_stdin_closes()
    {
        using var process = Start("--port", "0", "--tasks", "20", "--seed", "7", "--username", "demo@vsphere.local", "--password", "Demo-Pass-1");
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.NotNull(line);
            var start = JsonDocument.Parse(line).RootElement;
            var url = new Uri(start.GetProperty("url").GetString()!);
            Assert.Equal("https", url.Scheme);
            Assert.Equal("127.0.0.1", url.Host);
            Assert.Matches("^[0-9A-F]{64}$", start.GetProperty("thumbprint").GetString());
            Assert.Matches("^[0-9A-F]{40}$", start.GetProperty("thumbprintSha1").GetString());
            Assert.Equal("demo@vsphere.local", start.GetProperty("username").GetString());
            Assert.Equal("Demo-Pass-1", start.GetProperty("password").GetString());
            Assert.False(string.IsNullOrEmpty(start.GetProperty("apiKey").GetString()));
            Assert.False(string.IsNullOrEmpty(start.GetProperty("controlKey").GetString()));
            Assert.Equal(process.Id, start.GetProperty("pid").GetInt32());

            // It really serves, with the certificate it announced.
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                    cert is not null && Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(cert.RawData)) == start.GetProperty("thumbprint").GetString(),
            };
            using var http = new HttpClient(handler) { BaseAddress = url };
            using var login = await http.PostAsync("/v1/tokens", Sim.Json(new { username = "demo@vsphere.local", password = "Demo-Pass-1" }));
            Assert.Equal(HttpStatusCode.Created, login.StatusCode);

            var watch = Stopwatch.StartNew();
            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, process.ExitCode);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"exit took {watch.Elapsed}");
            Assert.Equal("", (await process.StandardOutput.ReadToEndAsync()).Trim());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [Fact]
    public async Task An_unknown_option_is_reported_on_stderr_with_exit_code_2()
    {
        using var process = Start("--frobnicate");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--frobnicate", await stderr);
        Assert.Equal("", await process.StandardOutput.ReadToEndAsync());
    }

    [Fact]
    public async Task The_simulator_listens_on_127_0_0_1_only()
    {
        await using var sim = await Sim.StartAsync();
        Assert.Equal("127.0.0.1", sim.Instance.Url.Host);

        using (var loopback = new TcpClient(AddressFamily.InterNetwork))
        {
            await loopback.ConnectAsync(IPAddress.Loopback, sim.Instance.Port);
            Assert.True(loopback.Connected);
        }

        var others = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => !IPAddress.IsLoopback(a) && a.AddressFamily == AddressFamily.InterNetwork)
            .Append(IPAddress.IPv6Loopback)
            .ToList();
        foreach (var address in others)
        {
            if (address.AddressFamily == AddressFamily.InterNetworkV6 && !Socket.OSSupportsIPv6)
            {
                continue;
            }

            using var client = new TcpClient(address.AddressFamily);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await Assert.ThrowsAnyAsync<Exception>(async () => await client.ConnectAsync(address, sim.Instance.Port, timeout.Token));
        }
    }

    [Fact]
    public async Task The_certificate_is_fresh_self_signed_RSA_2048_for_localhost_and_127_0_0_1()
    {
        await using var sim = await Sim.StartAsync();
        System.Security.Cryptography.X509Certificates.X509Certificate2? seen = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                seen = cert is null ? null : System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(cert.RawData);
                return true;
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = sim.Instance.Url };
        using (await http.GetAsync("/v1/tasks"))
        {
        }

        Assert.NotNull(seen);
        Assert.Equal(sim.Instance.Thumbprint, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(seen.RawData)));
        Assert.Equal(sim.Instance.ThumbprintSha1, seen.Thumbprint);
        Assert.Equal(2048, seen.GetRSAPublicKey()!.KeySize);
        Assert.Equal(seen.Subject, seen.Issuer);
        Assert.InRange(seen.NotBefore.ToUniversalTime(), DateTime.UtcNow.AddDays(-1).AddMinutes(-5), DateTime.UtcNow.AddDays(-1).AddMinutes(5));
        Assert.InRange(seen.NotAfter.ToUniversalTime(), DateTime.UtcNow.AddDays(30).AddMinutes(-5), DateTime.UtcNow.AddDays(30).AddMinutes(5));
        var san = seen.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", san.EnumerateDnsNames());
        Assert.Contains(IPAddress.Loopback, san.EnumerateIPAddresses());
        seen.Dispose();
    }
}

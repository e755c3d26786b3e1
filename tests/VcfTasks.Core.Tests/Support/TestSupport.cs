using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Http;

namespace VcfTasks.Core.Tests.Support;

/// <summary>Collects log messages; thread-safe.</summary>
internal sealed class TestLogSink : IVcfLogSink
{
    private readonly ConcurrentQueue<(VcfLogLevel Level, string Message)> _messages = new();

    public void Log(VcfLogLevel level, string message) => _messages.Enqueue((level, message));

    public IReadOnlyList<(VcfLogLevel Level, string Message)> Messages => _messages.ToArray();

    public IEnumerable<string> At(VcfLogLevel level) => Messages.Where(m => m.Level == level).Select(m => m.Message);
}

internal static class Secrets
{
    public const string Server = "sfo-vcf01.rainpole.io";
    public const string User = "administrator@vsphere.local";
    public const string CanaryPassword = "Canary-P@ssw0rd-7f3a91";
    public const string CanaryApiKey = "Canary-ApiKey-55d0c2";
    public const string RefreshId = "refresh-id-canary-0b7e";

    public static SecureString Secure(string text)
    {
        var s = new SecureString();
        foreach (char c in text) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }

    public static VcfCredentials Password(string password = CanaryPassword) => VcfCredentials.FromPassword(User, Secure(password));
}

/// <summary>Builds unsigned JWTs with the claims a test needs.</summary>
internal static class Jwt
{
    public static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string WithPayload(string payloadJson) =>
        Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + Base64Url(payloadJson) + "." + Base64Url("signature-" + payloadJson.Length);

    /// <summary>A token with an hour's lifetime (iat an hour before exp) that expires at <paramref name="exp"/>.</summary>
    public static string Expiring(DateTimeOffset exp, string subject = "canary") =>
        WithPayload($"{{\"sub\":\"{subject}\",\"iat\":{exp.AddHours(-1).ToUnixTimeSeconds()},\"exp\":{exp.ToUnixTimeSeconds()}}}");
}

internal static class Until
{
    /// <summary>
    /// Returns once <paramref name="condition"/> holds (checked every few milliseconds); fails the test if it
    /// does not hold within <paramref name="limitSeconds"/>. For states the code under test shows no event for.
    /// </summary>
    public static async Task True(Func<bool> condition, string what, double limitSeconds = 10)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(limitSeconds)) Xunit.Assert.Fail(what + " did not happen within " + limitSeconds + " s");
            await Task.Delay(5);
        }
    }
}

internal static class Paths
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    public static string TempFile(string suffix = ".fixture.json") =>
        Path.Combine(Path.GetTempPath(), "vcf-core-tests-" + Guid.NewGuid().ToString("N") + suffix);

    /// <summary>A new temporary fixture file holding <paramref name="json"/>; the caller deletes it.</summary>
    public static string WriteFixture(string json)
    {
        var path = TempFile();
        File.WriteAllText(path, json);
        return path;
    }
}

internal static class Connect
{
    public static CancellationToken Ct => CancellationToken.None;

    public static VcfConnectionOptions Options(FakeTransport transport, VcfCredentials? credentials = null, string? recordPath = null) =>
        WithoutRetryWaits(new VcfConnectionOptions
        {
            Server = Secrets.Server,
            TransportOverride = transport,
            Credentials = credentials,
            RecordPath = recordPath,
            Timeout = TimeSpan.FromSeconds(30),
        });

    /// <summary>
    /// Makes retry back-off sleeps return at once (a cancelled sleep still throws). Time limits still run on the
    /// real clock.
    /// </summary>
    public static VcfConnectionOptions WithoutRetryWaits(VcfConnectionOptions options)
    {
        options.Clock = new TransportClock(
            () => DateTimeOffset.UtcNow,
            (_, ct) => ct.IsCancellationRequested ? Task.FromCanceled(ct) : Task.CompletedTask);
        return options;
    }

    public static Task<VcfConnection> OpenAsync(FakeTransport transport, VcfCredentials? credentials = null, string? recordPath = null) =>
        VcfConnection.OpenAsync(Options(transport, credentials, recordPath), CancellationToken.None);

    public static Task<VcfConnection> ReplayAsync(string fixturePath, VcfCredentials? credentials = null) =>
        VcfConnection.OpenAsync(WithoutRetryWaits(new VcfConnectionOptions { Server = Secrets.Server, FixturePath = fixturePath, Credentials = credentials }), CancellationToken.None);

    /// <summary>Reads every page of a listing.</summary>
    public static async Task<List<VcfTask>> AllAsync(TaskPager pager, int maxPages = 50)
    {
        var all = new List<VcfTask>();
        for (int i = 0; i < maxPages && !pager.Finished; i++) all.AddRange(await pager.NextPageAsync(CancellationToken.None));
        Xunit.Assert.True(pager.Finished, "the listing should have ended within " + maxPages + " pages");
        return all;
    }
}

using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using VcfTasks.Core.Http;
using VcfTasks.Core.Tests.Support;
using Xunit;

namespace VcfTasks.Core.Tests;

/// <summary>
/// When Connect-VcfSddcManager may hand back an open connection instead of a new one (VcfConnection.CanServe), and the
/// credentials an unattended run gives through the environment (VcfCredentials.FromEnvironment).
/// </summary>
public class ConnectionReuseTests
{
    private static async Task<VcfConnection> Open(Action<VcfConnectionOptions>? edit = null)
    {
        var server = new TokenServer();
        var options = Connect.Options(server.Transport, Secrets.Password());
        edit?.Invoke(options);
        return await VcfConnection.OpenAsync(options, Connect.Ct);
    }

    private static VcfConnectionOptions Asked(Action<VcfConnectionOptions>? edit = null)
    {
        var options = new VcfConnectionOptions { Server = Secrets.Server, Credentials = Secrets.Password(), Timeout = TimeSpan.FromSeconds(30) };
        edit?.Invoke(options);
        return options;
    }

    [Theory]
    [InlineData("sfo-vcf01.rainpole.io")]
    [InlineData("SFO-VCF01.rainpole.io")]
    [InlineData("sfo-vcf01.rainpole.io:443")]
    [InlineData("https://sfo-vcf01.rainpole.io/")]
    public async Task Serves_the_same_server_user_and_password_whatever_the_spelling(string server)
    {
        using var open = await Open();
        Assert.True(open.CanServe(Asked(o => o.Server = server)));
        Assert.True(open.CanServe(Asked(o => o.Credentials = VcfCredentials.FromPassword(Secrets.User.ToUpperInvariant(), Secrets.Secure(Secrets.CanaryPassword)))));
    }

    public static IEnumerable<object[]> Differences() => new[]
    {
        new object[] { "another port", (Action<VcfConnectionOptions>)(o => o.Server = "sfo-vcf01.rainpole.io:8443") },
        new object[] { "another host", (Action<VcfConnectionOptions>)(o => o.Server = "lax-vcf01.rainpole.io") },
        new object[] { "another user", (Action<VcfConnectionOptions>)(o => o.Credentials = VcfCredentials.FromPassword("other@vsphere.local", Secrets.Secure("x"))) },
        new object[] { "another password", (Action<VcfConnectionOptions>)(o => o.Credentials = Secrets.Password("not-the-password")) },
        new object[] { "a longer password", (Action<VcfConnectionOptions>)(o => o.Credentials = Secrets.Password(Secrets.CanaryPassword + "x")) },
        new object[] { "an API key", (Action<VcfConnectionOptions>)(o => o.Credentials = VcfCredentials.FromApiKey(Secrets.Secure("k"))) },
        new object[] { "no credential", (Action<VcfConnectionOptions>)(o => o.Credentials = null) },
        new object[] { "another certificate check", (Action<VcfConnectionOptions>)(o => o.CertificateMode = CertificateMode.Skip) },
        new object[] { "a pinned thumbprint", (Action<VcfConnectionOptions>)(o => { o.CertificateMode = CertificateMode.Pin; o.CertificateThumbprint = new string('A', 64); }) },
        new object[] { "a proxy", (Action<VcfConnectionOptions>)(o => o.Proxy = new Uri("http://proxy.rainpole.io:3128")) },
        new object[] { "another time limit", (Action<VcfConnectionOptions>)(o => o.Timeout = TimeSpan.FromSeconds(31)) },
        new object[] { "a recording", (Action<VcfConnectionOptions>)(o => o.RecordPath = "/tmp/never-written.json") },
        new object[] { "a server that is not a server", (Action<VcfConnectionOptions>)(o => o.Server = "http://sfo-vcf01.rainpole.io") },
    };

    [Theory]
    [MemberData(nameof(Differences))]
    public async Task Does_not_serve_a_request_that_differs_in(string what, Action<VcfConnectionOptions> edit)
    {
        using var open = await Open();
        Assert.False(open.CanServe(Asked(edit)), what);
    }

    [Fact]
    public async Task A_pinned_thumbprint_is_served_whatever_its_separators_and_case()
    {
        var thumbprint = string.Concat(System.Linq.Enumerable.Repeat("ab", 32));
        using var open = await Open(o => { o.CertificateMode = CertificateMode.Pin; o.CertificateThumbprint = thumbprint; });
        var spaced = string.Join(":", System.Linq.Enumerable.Repeat("AB", 32));
        Assert.True(open.CanServe(Asked(o => { o.CertificateMode = CertificateMode.Pin; o.CertificateThumbprint = spaced; })));
    }

    [Fact]
    public async Task A_closed_connection_or_an_API_key_connection_serves_nothing()
    {
        var open = await Open();
        await open.CloseAsync(Connect.Ct);
        Assert.False(open.CanServe(Asked()));
        using var keyed = await Open(o => o.Credentials = VcfCredentials.FromApiKey(Secrets.Secure(Secrets.CanaryApiKey)));
        Assert.False(keyed.CanServe(Asked(o => o.Credentials = VcfCredentials.FromApiKey(Secrets.Secure(Secrets.CanaryApiKey)))));
    }

    [Fact]
    public void The_environment_gives_a_user_and_password_before_an_API_key()
    {
        var both = VcfCredentials.FromEnvironment(Read(("VCF_USERNAME", Secrets.User), ("VCF_PASSWORD", Secrets.CanaryPassword), ("VCF_API_KEY", Secrets.CanaryApiKey)));
        Assert.NotNull(both);
        Assert.Equal(VcfAuthenticationMethod.Credential, both!.Method);
        Assert.Equal(Secrets.User, both.UserName);
        Assert.Equal(Secrets.CanaryPassword, both.RevealSecret());
        Assert.True(both.Secret.IsReadOnly());
    }

    [Fact]
    public void The_environment_gives_an_API_key_when_the_user_or_password_is_missing()
    {
        var key = VcfCredentials.FromEnvironment(Read(("VCF_USERNAME", Secrets.User), ("VCF_PASSWORD", ""), ("VCF_API_KEY", Secrets.CanaryApiKey)));
        Assert.Equal(VcfAuthenticationMethod.ApiKey, key!.Method);
        Assert.Equal(Secrets.CanaryApiKey, key.RevealSecret());
        Assert.Null(key.UserName);
    }

    [Fact]
    public void The_environment_gives_nothing_without_the_variables()
    {
        Assert.Null(VcfCredentials.FromEnvironment(Read()));
        Assert.Null(VcfCredentials.FromEnvironment(Read(("VCF_USERNAME", Secrets.User))));
        Assert.Null(VcfCredentials.FromEnvironment(Read(("VCF_PASSWORD", Secrets.CanaryPassword))));
    }

    private static Func<string, string?> Read(params (string Name, string Value)[] variables)
    {
        var map = new Dictionary<string, string>();
        foreach (var (name, value) in variables)
        {
            map[name] = value;
        }
        return name => map.TryGetValue(name, out var v) ? v : null;
    }
}

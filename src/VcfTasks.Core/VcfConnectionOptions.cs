using System;
using VcfTasks.Core.Http;

namespace VcfTasks;

/// <summary>Everything needed to open a <see cref="VcfConnection"/>.</summary>
public sealed class VcfConnectionOptions
{
    /// <summary>The SDDC Manager: an FQDN (<c>sfo-vcf01.rainpole.io</c>), <c>host:port</c>, or an https URL.</summary>
    public string Server { get; set; } = string.Empty;

    /// <summary>How to authenticate; null only for a replayed fixture that needs no tokens.</summary>
    public VcfCredentials? Credentials { get; set; }

    /// <summary>How to check the server's certificate.</summary>
    public CertificateMode CertificateMode { get; set; } = CertificateMode.Validate;

    /// <summary>The SHA-256 (64 hex) or SHA-1 (40 hex) thumbprint to pin, with <see cref="CertificateMode.Pin"/>.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>How long one call may take, its retries and their pauses included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The HTTPS proxy for this connection; null uses the platform's default (on Linux and macOS the
    /// HTTPS_PROXY and NO_PROXY variables, on Windows the system settings).
    /// </summary>
    public Uri? Proxy { get; set; }

    /// <summary>Credentials for <see cref="Proxy"/>, if it asks for them.</summary>
    public System.Net.NetworkCredential? ProxyCredential { get; set; }

    /// <summary>Answer from this fixture file instead of the network.</summary>
    public string? FixturePath { get; set; }

    /// <summary>Write every exchange to this fixture file, secrets removed.</summary>
    public string? RecordPath { get; set; }

    /// <summary>Tests only: the handler that stands for the network.</summary>
    internal System.Net.Http.HttpMessageHandler? TransportOverride { get; set; }

    /// <summary>Tests only: the clock and sleep of retries and time limits.</summary>
    internal TransportClock? Clock { get; set; }

    /// <summary>Tests only: the source of retry jitter (0 to 1).</summary>
    internal Func<double>? Random { get; set; }

    /// <summary>The server as an https base address ending in '/'.</summary>
    internal Uri ToBaseUri()
    {
        var text = Server?.Trim() ?? string.Empty;
        if (text.Length == 0) throw new ArgumentException("The server name is empty.", nameof(Server));
        if (!text.Contains("://")) text = "https://" + text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new ArgumentException($"'{Server}' is not a server name or https URL.", nameof(Server));
        if (!string.Equals(uri.Scheme, "https", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"'{Server}' is not https: SDDC Manager is reached over HTTPS only.", nameof(Server));
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }
}

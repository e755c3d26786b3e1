using System;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;

namespace VcfTasks.Core.Http;

/// <summary>The certificate check of one connection, and the reason of its last refusal (to explain a failed request).</summary>
internal sealed class CertificatePolicy
{
    private readonly CertificateMode _mode;
    private readonly string? _thumbprint;
    private string? _lastRefusal;

    public CertificatePolicy(CertificateMode mode, string? thumbprint)
    {
        _mode = mode;
        if (mode == CertificateMode.Pin)
        {
            var normalized = Normalize(thumbprint);
            if (normalized.Length != 64 && normalized.Length != 40)
                throw new ArgumentException("A certificate thumbprint is 64 hex digits (SHA-256) or 40 (SHA-1).", nameof(thumbprint));
            _thumbprint = normalized;
        }
    }

    /// <summary>Why the last certificate was refused, or null. Read after a failed request.</summary>
    public string? LastRefusal => Volatile.Read(ref _lastRefusal);

    public bool Validate(X509Certificate2? certificate, SslPolicyErrors errors)
    {
        switch (_mode)
        {
            case CertificateMode.Skip:
                return true;
            case CertificateMode.Pin:
                if (certificate is null) return Refuse("the server sent no certificate");
                var sha256 = Sha256Hex(certificate);
                var sha1 = certificate.Thumbprint?.ToUpperInvariant() ?? string.Empty;
                if (_thumbprint == sha256 || _thumbprint == sha1) return true;
                return Refuse($"its SHA-256 thumbprint {sha256} is not the pinned {_thumbprint}");
            default:
                if (errors == SslPolicyErrors.None) return true;
                var thumb = certificate is null ? "unknown" : Sha256Hex(certificate);
                return Refuse($"{errors} (SHA-256 thumbprint {thumb})");
        }
    }

    private bool Refuse(string why)
    {
        Volatile.Write(ref _lastRefusal, why);
        return false;
    }

    public static string Sha256Hex(X509Certificate2 certificate)
    {
        using var sha = SHA256.Create();
        return ToHex(sha.ComputeHash(certificate.RawData));
    }

    private static string ToHex(byte[] bytes)
    {
        var chars = new char[bytes.Length * 2];
        const string digits = "0123456789ABCDEF";
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = digits[bytes[i] >> 4];
            chars[2 * i + 1] = digits[bytes[i] & 15];
        }
        return new string(chars);
    }

    internal static string Normalize(string? thumbprint)
    {
        if (thumbprint is null) return string.Empty;
        var chars = new System.Text.StringBuilder(thumbprint.Length);
        foreach (char c in thumbprint)
        {
            if (c == ':' || c == ' ' || c == '-') continue;
            chars.Append(char.ToUpperInvariant(c));
        }
        return chars.ToString();
    }
}

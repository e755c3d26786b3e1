using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VcfTasks.Simulator.Hosting;

/// <summary>A fresh self-signed server certificate per start, like the one SDDC Manager ships with.</summary>
internal static class Certificates
{
    public static X509Certificate2 CreateSelfSigned(DateTimeOffset now)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1")], false)); // serverAuth

        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        // On Linux (and Windows) SslStream needs a key it can use from a persisted store form;
        // an export/import round trip through PFX gives one.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>SHA-256 of the DER encoding, 64 upper-case hex digits: what clients pin.</summary>
    public static string Sha256Thumbprint(X509Certificate2 cert) => Convert.ToHexString(SHA256.HashData(cert.RawData));

    /// <summary>SHA-1 of the DER encoding, 40 upper-case hex digits: what older tools (PowerCLI) show.</summary>
    public static string Sha1Thumbprint(X509Certificate2 cert) => Convert.ToHexString(SHA1.HashData(cert.RawData));
}

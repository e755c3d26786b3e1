namespace VcfTasks.Core.Http;

/// <summary>How a connection decides whether to trust the server's certificate: for that connection only, never process-wide.</summary>
public enum CertificateMode
{
    /// <summary>The platform's usual validation (chain and name).</summary>
    Validate,
    /// <summary>Accept any certificate (SDDC Manager ships self-signed).</summary>
    Skip,
    /// <summary>Accept exactly the certificate with the given SHA-256 or SHA-1 thumbprint.</summary>
    Pin,
}

using System;
using System.Management.Automation;
using System.Security;
using VcfTasks.Core.Http;

namespace VcfTasks.Commands;

/// <summary>
/// Connects to an SDDC Manager and makes the connection the default.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "VcfSddcManager", DefaultParameterSetName = CredentialSet)]
[OutputType(typeof(VcfConnection))]
public sealed class ConnectVcfSddcManagerCommand : VcfCmdlet
{
    private const string CredentialSet = "Credential";
    private const string ApiKeySet = "ApiKey";
    private const string AccessTokenSet = "AccessToken";
    private const string FixtureSet = "Fixture";

    /// <summary>The SDDC Managers: FQDN, host:port or https URL; one connection each, with the same options.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[] Server { get; set; } = Array.Empty<string>();

    /// <summary>User name and password; the session is renewed with them when its refresh token is rejected.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = CredentialSet)]
    [Parameter(ParameterSetName = FixtureSet)]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>An SDDC Manager API key.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ApiKeySet)]
    public SecureString? ApiKey { get; set; }

    /// <summary>An access token obtained elsewhere; it cannot be renewed.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
    public SecureString? AccessToken { get; set; }

    /// <summary>Accept any certificate, for this connection only.</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>Accept exactly the certificate with this SHA-256 (or SHA-1) thumbprint, for this connection only.</summary>
    [Parameter]
    [ValidatePattern("^([0-9A-Fa-f]{2}[: -]?){19}([0-9A-Fa-f]{2})$|^([0-9A-Fa-f]{2}[: -]?){31}([0-9A-Fa-f]{2})$")]
    public string? CertificateThumbprint { get; set; }

    /// <summary>The HTTPS proxy for this connection (e.g. http://proxy.rainpole.io:3128); by default the platform's (HTTPS_PROXY/NO_PROXY on Linux and macOS).</summary>
    [Parameter(ParameterSetName = CredentialSet)]
    [Parameter(ParameterSetName = ApiKeySet)]
    [Parameter(ParameterSetName = AccessTokenSet)]
    [ValidateNotNull]
    public Uri? Proxy { get; set; }

    /// <summary>Credentials for -Proxy.</summary>
    [Parameter(ParameterSetName = CredentialSet)]
    [Parameter(ParameterSetName = ApiKeySet)]
    [Parameter(ParameterSetName = AccessTokenSet)]
    [Credential]
    public PSCredential? ProxyCredential { get; set; }

    /// <summary>Answer from a recorded fixture file instead of the network.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FixtureSet)]
    [ValidateNotNullOrEmpty]
    public string? FixturePath { get; set; }

    /// <summary>Record every exchange of this connection to a fixture file, secrets removed.</summary>
    [Parameter(ParameterSetName = CredentialSet)]
    [Parameter(ParameterSetName = ApiKeySet)]
    [Parameter(ParameterSetName = AccessTokenSet)]
    [ValidateNotNullOrEmpty]
    public string? RecordPath { get; set; }

    /// <summary>Seconds one request may take (default 100).</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 100;

    /// <summary>Do not make this connection the default.</summary>
    [Parameter]
    public SwitchParameter NotDefault { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (SkipCertificateCheck && CertificateThumbprint is not null)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("Use either -SkipCertificateCheck or -CertificateThumbprint, not both."),
                "VcfConflictingCertificateOptions", ErrorCategory.InvalidArgument, Server.Length == 1 ? Server[0] : Server));
        }
        if (RecordPath is not null && Server.Length > 1)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("-RecordPath records one connection: connect to one server per recording file."),
                "VcfConflictingRecordPath", ErrorCategory.InvalidArgument, Server));
        }
        // With several servers (as Connect-VIServer takes them), a server that cannot be connected gets its own
        // error and the others are still connected; the last one connected becomes the default.
        foreach (var server in Server) Connect(server, stopOnError: Server.Length == 1);
    }

    private void Connect(string server, bool stopOnError)
    {
        var options = new VcfConnectionOptions
        {
            Server = server,
            CertificateMode = SkipCertificateCheck ? CertificateMode.Skip : CertificateThumbprint is not null ? CertificateMode.Pin : CertificateMode.Validate,
            CertificateThumbprint = CertificateThumbprint,
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
            Proxy = Proxy,
            ProxyCredential = ProxyCredential?.GetNetworkCredential(),
            FixturePath = FixturePath is null ? null : GetUnresolvedProviderPathFromPSPath(FixturePath),
            RecordPath = RecordPath is null ? null : GetUnresolvedProviderPathFromPSPath(RecordPath),
            Credentials = Credential is not null ? VcfCredentials.FromPassword(Credential.UserName, Credential.Password)
                : ApiKey is not null ? VcfCredentials.FromApiKey(ApiKey)
                : AccessToken is not null ? VcfCredentials.FromAccessToken(AccessToken)
                : null,
        };
        VcfConnection connection;
        try
        {
            connection = Run(ct => VcfConnection.OpenAsync(options, ct));
        }
        catch (VcfException e)
        {
            Fail(ErrorRecords.From(e, server), stopOnError);
            return;
        }
        catch (ArgumentException e)
        {
            Fail(new ErrorRecord(e, "VcfInvalidServer", ErrorCategory.InvalidArgument, server), stopOnError);
            return;
        }
        ConnectionRegistry.Current.Add(connection, makeDefault: !NotDefault);
        WriteVerbose($"Connected to {connection.Server}{(connection.User is null ? "" : " as " + connection.User)} ({connection.AuthenticationMethod}, certificate check {connection.CertificateCheck}).");
        WriteObject(connection);
    }

    private void Fail(ErrorRecord record, bool stop)
    {
        if (stop) ThrowTerminatingError(record);
        else WriteError(record);
    }
}

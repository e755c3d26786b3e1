using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Http;

namespace VcfTasks.Commands;

/// <summary>
/// Connects to SDDC Managers (several side by side) and makes the connection the default; an open connection to the
/// same server for the same user is handed back instead of a second one (unless -Force).
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

    /// <summary>
    /// User name and password; the session is renewed with them when its refresh token is rejected. Without it (and
    /// without -ApiKey or -AccessToken): VCF_USERNAME and VCF_PASSWORD, or VCF_API_KEY, from the environment; else a
    /// prompt, or VcfCredentialRequired when PowerShell runs non-interactively.
    /// </summary>
    [Parameter(Position = 1, ParameterSetName = CredentialSet)]
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

    /// <summary>Do not make this connection the default (nor, in Multiple mode, one of the default connections).</summary>
    [Parameter]
    public SwitchParameter NotDefault { get; set; }

    /// <summary>Open a new connection even when one to the same server for the same user, with the same options, is open.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

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
        var credentials = Credentials();
        var plans = Server.Select(server => new Plan(server, Options(server, credentials))).ToList();
        var registry = ConnectionRegistry.Current;
        for (int i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            if (Force)
            {
                continue;
            }
            // An open connection to the same server for the same user is handed back, as Connect-VIServer does.
            plan.Reused = registry.NewestFirst().FirstOrDefault(c => c.CanServe(plan.Options));
            if (plan.Reused is null && plan.Options.FixturePath is null && plan.Options.Credentials?.Method == VcfAuthenticationMethod.Credential && AddressOf(plan.Options) is { } address)
            {
                // The same server twice in one call would be two logins for one session.
                plan.Twin = plans.Take(i).Any(p => p.Reused is null && p.Twin is false && p.Options.FixturePath is null && AddressOf(p.Options) == address);
            }
        }
        var opened = OpenAll(plans.Where(p => p.Reused is null && !p.Twin).ToList());
        // In the order given: the last one connected (or handed back) becomes the default, as one after another did.
        foreach (var plan in plans)
        {
            if (plan.Twin)
            {
                WriteVerbose($"{plan.Server} is named more than once; it is connected once.");
            }
            else if (plan.Reused is { } reused)
            {
                if (!NotDefault)
                {
                    registry.MakeDefault(reused);
                }
                WriteVerbose($"Using the open connection {reused.Id} to {reused.Server} as {reused.User} (use -Force for a new one).");
                WriteObject(reused);
            }
            else
            {
                Finish(plan, opened[plan], stopOnError: Server.Length == 1);
            }
        }
    }

    private sealed class Plan
    {
        public Plan(string server, VcfConnectionOptions options)
        {
            Server = server;
            Options = options;
        }

        public string Server { get; }
        public VcfConnectionOptions Options { get; }
        public VcfConnection? Reused { get; set; }
        public bool Twin { get; set; }
    }

    // Opens every planned connection side by side (up to MaxOpening at once) and waits for all of them. Ctrl+C
    // cancels the logins in flight and closes the connections already made, so none is left open unregistered.
    private Dictionary<Plan, Task<VcfConnection>> OpenAll(IReadOnlyList<Plan> plans)
    {
        var opening = new Dictionary<Plan, Task<VcfConnection>>();
        if (plans.Count == 0)
        {
            return opening;
        }
        using var gate = new SemaphoreSlim(MaxOpening);
        Run(ct =>
        {
            foreach (var plan in plans)
            {
                opening[plan] = Open(plan.Options, gate, ct);
            }
            return Task.FromResult(true);
        });
        Run(async _ =>
        {
            try
            {
                await Task.WhenAll(opening.Values).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Each failure is read and reported on its own, in order, by Finish.
            }
            return true;
        });
        if (StopToken.IsCancellationRequested)
        {
            foreach (var task in opening.Values.Where(t => t.Status == TaskStatus.RanToCompletion))
            {
                task.Result.Dispose();
            }
            throw new PipelineStoppedException();
        }
        return opening;
    }

    /// <summary>How many logins run at once; more servers wait for a free place.</summary>
    private const int MaxOpening = 32;

    private static async Task<VcfConnection> Open(VcfConnectionOptions options, SemaphoreSlim gate, CancellationToken ct)
    {
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await VcfConnection.OpenAsync(options, ct).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private void Finish(Plan plan, Task<VcfConnection> opening, bool stopOnError)
    {
        switch (opening.Exception?.InnerException)
        {
            case VcfException e:
                Fail(ErrorRecords.From(e, plan.Server), stopOnError);
                return;
            case ArgumentException e:
                Fail(new ErrorRecord(e, "VcfInvalidServer", ErrorCategory.InvalidArgument, plan.Server), stopOnError);
                return;
        }
        var connection = opening.GetAwaiter().GetResult();
        ConnectionRegistry.Current.Add(connection, makeDefault: !NotDefault);
        WriteVerbose($"Connected to {connection.Server}{(connection.User is null ? "" : " as " + connection.User)} ({connection.AuthenticationMethod}, certificate check {connection.CertificateCheck}).");
        WriteObject(connection);
    }

    private static Uri? AddressOf(VcfConnectionOptions options)
    {
        try
        {
            return options.ToBaseUri();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private VcfConnectionOptions Options(string server, VcfCredentials? credentials) => new()
    {
        Server = server,
        CertificateMode = SkipCertificateCheck ? CertificateMode.Skip : CertificateThumbprint is not null ? CertificateMode.Pin : CertificateMode.Validate,
        CertificateThumbprint = CertificateThumbprint,
        Timeout = TimeSpan.FromSeconds(TimeoutSec),
        Proxy = Proxy,
        ProxyCredential = ProxyCredential?.GetNetworkCredential(),
        FixturePath = FixturePath is null ? null : GetUnresolvedProviderPathFromPSPath(FixturePath),
        RecordPath = RecordPath is null ? null : GetUnresolvedProviderPathFromPSPath(RecordPath),
        Credentials = credentials,
    };

    // The parameters' credentials; none given (outside a replay): the environment's, a prompt, or VcfCredentialRequired.
    private VcfCredentials? Credentials()
    {
        if (Credential is not null)
        {
            return VcfCredentials.FromPassword(Credential.UserName, Credential.Password);
        }
        if (ApiKey is not null)
        {
            return VcfCredentials.FromApiKey(ApiKey);
        }
        if (AccessToken is not null)
        {
            return VcfCredentials.FromAccessToken(AccessToken);
        }
        return ParameterSetName == FixtureSet ? null : ConnectCredentials.Find(this, Server);
    }

    private void Fail(ErrorRecord record, bool stop)
    {
        if (stop) ThrowTerminatingError(record);
        else WriteError(record);
    }
}

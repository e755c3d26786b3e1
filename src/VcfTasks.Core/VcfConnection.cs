using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Auth;
using VcfTasks.Core.Http;

namespace VcfTasks;

/// <summary>
/// A connection to one SDDC Manager: its own HttpClient and certificate policy, its tokens, its task operations.
/// Tasks read through it remember it, so acting on them goes back to the same server.
/// </summary>
public sealed class VcfConnection : IDisposable
{
    private readonly HttpClient _apiClient;
    private readonly HttpClient _tokenClient;
    private readonly HttpMessageHandler _inner;
    private readonly TokenSession _session;
    private readonly ReplayHandler? _replay;
    private readonly string? _thumbprint;
    private readonly VcfCredentials? _credentials;
    private int _closed;

    private VcfConnection(VcfConnectionOptions options)
    {
        BaseUri = options.ToBaseUri();
        Server = BaseUri.IsDefaultPort ? BaseUri.Host : BaseUri.Host + ":" + BaseUri.Port;
        var certificates = new CertificatePolicy(options.CertificateMode, options.CertificateThumbprint);
        CertificateCheck = options.CertificateMode;
        _thumbprint = options.CertificateMode == CertificateMode.Pin ? CertificatePolicy.Normalize(options.CertificateThumbprint) : null;
        FixturePath = options.FixturePath;
        RecordPath = options.RecordPath;
        Timeout = options.Timeout;
        Proxy = options.Proxy;
        User = options.Credentials?.UserName;
        _credentials = options.Credentials;
        AuthenticationMethod = options.Credentials?.Method ?? VcfAuthenticationMethod.None;

        _replay = options.FixturePath is not null ? new ReplayHandler(options.FixturePath) : null;
        HttpMessageHandler transport = options.TransportOverride ?? _replay ?? CreateNetworkHandler(certificates, options);
        if (options.RecordPath is not null) transport = new RecordingHandler(options.RecordPath, transport);
        _inner = new LoggingHandler(transport);

        // Time limits are kept by Transport per call (retries included), not by HttpClient per send.
        var clock = options.Clock ?? TransportClock.System;
        // Token calls have their own retry budget: a storm of failing task reads must not leave a renewal without retries.
        var retry = new RetryPolicy(new RetryBudget(), options.Random);
        var tokenRetry = new RetryPolicy(new RetryBudget(), options.Random);
        _tokenClient = new HttpClient(_inner, disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _session = new TokenSession(new Transport(_tokenClient, certificates, Server, options.Timeout, tokenRetry, clock), BaseUri, options.Credentials, clock.Now);
        _apiClient = new HttpClient(new AuthHandler(_session, _inner), disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _apiClient.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        var api = new Transport(_apiClient, certificates, Server, options.Timeout, retry, clock);
        Tasks = new TaskApi(this, api, BaseUri);
        CredentialTasks = new CredentialTaskApi(this, api, BaseUri); // issue 15: the credentials API shares the transport (and its retry budget)
    }

    /// <summary>Opens a connection: creates the tokens (or checks a given token), so bad credentials fail here.</summary>
    public static async Task<VcfConnection> OpenAsync(VcfConnectionOptions options, CancellationToken ct)
    {
        var connection = new VcfConnection(options);
        try
        {
            if (connection.AuthenticationMethod is VcfAuthenticationMethod.Credential or VcfAuthenticationMethod.ApiKey)
                await connection._session.LoginAsync(ct).ConfigureAwait(false);
            else if (connection.AuthenticationMethod == VcfAuthenticationMethod.AccessToken)
                await connection.Tasks.List(new TaskQuery { PageSize = 1 }).NextPageAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        connection.ConnectedAt = DateTimeOffset.Now;
        return connection;
    }

    /// <summary>A short id that tells two connections to the same server apart.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N").Substring(0, 8);

    /// <summary>The server name (with the port when it is not 443).</summary>
    public string Server { get; }

    /// <summary>The base address.</summary>
    public Uri BaseUri { get; }

    /// <summary>The user, for username/password connections.</summary>
    public string? User { get; }

    /// <summary>How the connection authenticated.</summary>
    public VcfAuthenticationMethod AuthenticationMethod { get; }

    /// <summary>How the server's certificate is checked.</summary>
    public CertificateMode CertificateCheck { get; }

    /// <summary>The fixture file answered from, for a replayed connection.</summary>
    public string? FixturePath { get; }

    /// <summary>The file exchanges are recorded to, if any.</summary>
    public string? RecordPath { get; }

    /// <summary>For a replayed connection: every request it answered, as "METHOD /path?sorted-query", in order.</summary>
    public IReadOnlyList<string> ReplayedRequests => _replay?.Served ?? Array.Empty<string>();

    /// <summary>How long one call may take, its retries and their pauses included.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>When the connection was opened.</summary>
    public DateTimeOffset ConnectedAt { get; private set; }

    /// <summary>When the current access token expires, if known (the token itself is never shown).</summary>
    public DateTimeOffset? TokenExpiresAt => _session.ExpiresAt;

    /// <summary>How many times the session was renewed.</summary>
    public int SessionRenewals => _session.Renewals;

    /// <summary>False once disconnected.</summary>
    public bool IsConnected => Volatile.Read(ref _closed) == 0;

    /// <summary>The task operations.</summary>
    public TaskApi Tasks { get; }

    /// <summary>The credentials-task operations (<c>/v1/credentials/tasks</c>).</summary>
    public CredentialTaskApi CredentialTasks { get; }

    /// <summary>Task and resource types of the tasks read through this connection (for argument completion).</summary>
    internal SeenValues Seen { get; } = new();

    /// <summary>
    /// Set once a listing of this connection warned that the server's paging facts disagree: said once a connection,
    /// not again on every listing a wait or a watch makes.
    /// </summary>
    internal bool PagingFactsWarned { get; set; }

    /// <summary>
    /// True when this connection is what <paramref name="options"/> would open, so connecting again may hand it back
    /// instead (as PowerCLI's Connect-VIServer does): it is open, made with a user name and password, to the same
    /// host and port, for the same user (ignoring case) and the same password (compared in memory; nothing is sent), with
    /// the same certificate check (and pinned thumbprint), proxy and time limit; neither replays nor records a fixture.
    /// A wrong password is therefore never handed a session: it gets its own login, and its refusal. An API key or
    /// access token never matches.
    /// </summary>
    public bool CanServe(VcfConnectionOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }
        if (!IsConnected || FixturePath is not null || RecordPath is not null || options.FixturePath is not null || options.RecordPath is not null ||
            AuthenticationMethod != VcfAuthenticationMethod.Credential || options.Credentials is not { Method: VcfAuthenticationMethod.Credential } wanted)
        {
            return false;
        }
        Uri address;
        try
        {
            address = options.ToBaseUri();
        }
        catch (ArgumentException)
        {
            return false;
        }
        var thumbprint = options.CertificateMode == CertificateMode.Pin ? CertificatePolicy.Normalize(options.CertificateThumbprint) : null;
        return string.Equals(address.Host, BaseUri.Host, StringComparison.OrdinalIgnoreCase) && address.Port == BaseUri.Port &&
               string.Equals(wanted.UserName, User, StringComparison.OrdinalIgnoreCase) && _credentials is not null && SameSecret(wanted, _credentials) &&
               options.CertificateMode == CertificateCheck && string.Equals(thumbprint, _thumbprint, StringComparison.Ordinal) &&
               Equals(options.Proxy, Proxy) && options.Timeout == Timeout;
    }

    // In time that does not depend on where the two differ; the plain texts live only for the comparison.
    private static bool SameSecret(VcfCredentials a, VcfCredentials b)
    {
        var x = a.RevealSecret();
        var y = b.RevealSecret();
        int difference = x.Length ^ y.Length;
        for (int i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            difference |= x[i] ^ y[i];
        }
        return difference == 0;
    }

    /// <summary>Revokes the refresh token and releases the connection. Safe to call twice.</summary>
    public async Task CloseAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        try
        {
            await _session.RevokeAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            DisposeClients();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Interlocked.Exchange(ref _closed, 1);
        DisposeClients();
    }

    private void DisposeClients()
    {
        _apiClient.Dispose();
        _tokenClient.Dispose();
        _inner.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => Server;

    private static HttpMessageHandler CreateNetworkHandler(CertificatePolicy certificates, VcfConnectionOptions options)
    {
        var handler = new HttpClientHandler
        {
            // Redirects are not part of this API; following one could carry the bearer token to another host.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) => certificates.Validate(certificate, errors),
            // Enough connections for a listing's pages side by side (up to 16), and a bound on them all the same.
            MaxConnectionsPerServer = TaskPager.MaxThrottleLimit + 2,
        };
        if (options.Proxy is not null)
        {
            // This connection's proxy only; the process-wide default stays as it is.
            handler.UseProxy = true;
            handler.Proxy = new WebProxy(options.Proxy) { Credentials = options.ProxyCredential, BypassProxyOnLocal = false };
        }
        return handler;
    }

    /// <summary>The proxy given for this connection, if any.</summary>
    public Uri? Proxy { get; }
}

using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Http;
using VcfTasks.Core.Json;

namespace VcfTasks.Core.Auth;

/// <summary>
/// The tokens of one connection: creates them, renews the access token a minute before it expires or when the
/// server answers 401 (one renewal however many requests are waiting), logs in again when the refresh token is
/// rejected (if the connection has a password or API key), and revokes the refresh token on disconnect.
/// </summary>
internal sealed class TokenSession
{
    internal static readonly TimeSpan RenewAhead = TimeSpan.FromMinutes(1);
    private TimeSpan _renewAhead = RenewAhead;

    private readonly Transport _transport;
    private readonly Uri _baseUri;
    private readonly VcfCredentials? _credentials;
    private readonly Func<DateTimeOffset> _now;
    private readonly SemaphoreSlim _renewGate = new(1, 1);
    private string? _accessToken;
    private string? _refreshTokenId;
    private DateTimeOffset? _expiresAt;
    private string? _failedFor;
    private VcfException? _failure;

    public TokenSession(Transport transport, Uri baseUri, VcfCredentials? credentials, Func<DateTimeOffset> now)
    {
        _transport = transport;
        _baseUri = baseUri;
        _credentials = credentials;
        _now = now;
        if (credentials?.Method == VcfAuthenticationMethod.AccessToken)
            SetAccessToken(credentials.RevealSecret());
    }

    /// <summary>Number of times the access token was renewed (refresh or new login); tests and verbose output read it.</summary>
    public int Renewals { get; private set; }

    public string? AccessToken => Volatile.Read(ref _accessToken);

    public DateTimeOffset? ExpiresAt => _expiresAt;

    /// <summary>Whether a 401 can be answered by renewing: there is a refresh token or a credential to log in with.</summary>
    public bool CanRenew => _refreshTokenId is not null || CanLogin;

    private bool CanLogin => _credentials is { Method: VcfAuthenticationMethod.Credential or VcfAuthenticationMethod.ApiKey };

    /// <summary>Creates the token pair with the password or API key.</summary>
    public async Task LoginAsync(CancellationToken ct)
    {
        if (!CanLogin) return;
        var spec = _credentials!.Method == VcfAuthenticationMethod.ApiKey
            ? new TokenCreationSpec { ApiKey = _credentials.RevealSecret() }
            : new TokenCreationSpec { Username = _credentials.UserName, Password = _credentials.RevealSecret() };
        var body = JsonSerializer.Serialize(spec, VcfJsonContext.Default.TokenCreationSpec);
        var uri = new Uri(_baseUri, "v1/tokens");
        using var answer = await _transport.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") },
            idempotent: true, "token creation", ct).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            var who = _credentials.Method == VcfAuthenticationMethod.ApiKey ? "the API key" : $"user '{_credentials.UserName}'";
            var kind = answer.Status is 400 or 401 or 403 ? VcfErrorKind.AuthenticationFailed : VcfErrorKind.ServerError;
            throw ErrorMapper.Compose(kind, $"SDDC Manager {_transport.Server} refused {who}", answer.Status, ErrorMapper.ReadError(answer),
                kind == VcfErrorKind.AuthenticationFailed
                    ? "Check the user name and password (or API key) and run Connect-VcfSddcManager again."
                    : null);
        }
        var pair = await ErrorMapper.ReadJsonAsync(answer, VcfJson.Info<TokenPair>(), "token creation", ct).ConfigureAwait(false);
        if (string.IsNullOrEmpty(pair.AccessToken))
            throw new VcfException(VcfErrorKind.AuthenticationFailed, "SDDC Manager answered token creation without an access token.");
        _refreshTokenId = pair.RefreshToken?.Id;
        SetAccessToken(pair.AccessToken!);
    }

    /// <summary>A token to send now: renewed first when it expires within a minute.</summary>
    public async Task<string?> GetTokenAsync(CancellationToken ct)
    {
        var token = AccessToken;
        if (token is not null && _expiresAt is { } exp && exp - _now() < _renewAhead && CanRenew)
        {
            VcfLog.Write(VcfLogLevel.Debug, $"The access token expires at {exp:u}: renewing it first.");
            await RenewAsync(token, ct).ConfigureAwait(false);
            token = AccessToken;
        }
        return token;
    }

    /// <summary>
    /// Renews the token that <paramref name="staleToken"/> was: if another caller already did, returns at once.
    /// Refresh first; if the refresh token is rejected, log in again; otherwise a terminating authentication error.
    /// </summary>
    public async Task RenewAsync(string? staleToken, CancellationToken ct)
    {
        await _renewGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (AccessToken is not null && !string.Equals(staleToken, AccessToken, StringComparison.Ordinal)) return;
            // The callers queued behind a renewal that was refused get that answer, not a login each: a burst
            // of failed logins after a password change could lock the account.
            if (_failure is { } refused && string.Equals(_failedFor, staleToken, StringComparison.Ordinal))
                throw refused.Again();
            try
            {
                await RenewOnceAsync(ct).ConfigureAwait(false);
            }
            catch (VcfException e) when (e.Kind == VcfErrorKind.AuthenticationFailed)
            {
                _failedFor = staleToken;
                _failure = e;
                throw;
            }
        }
        finally
        {
            _renewGate.Release();
        }
    }

    private async Task RenewOnceAsync(CancellationToken ct)
    {
        if (_refreshTokenId is not null && await TryRefreshAsync(ct).ConfigureAwait(false))
        {
            Renewals++;
            return;
        }
        if (CanLogin)
        {
            VcfLog.Write(VcfLogLevel.Verbose, "The refresh token was not accepted: logging in again.");
            await LoginAsync(ct).ConfigureAwait(false);
            Renewals++;
            return;
        }
        throw new VcfException(VcfErrorKind.AuthenticationFailed,
            $"The session with SDDC Manager {_transport.Server} has expired and cannot be renewed.")
        {
            HttpStatus = 401,
            RecommendedAction = "Run Connect-VcfSddcManager again (with -Credential or -ApiKey the module renews the session by itself).",
        };
    }

    private async Task<bool> TryRefreshAsync(CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(_refreshTokenId!, VcfJsonContext.Default.String);
        var uri = new Uri(_baseUri, "v1/tokens/access-token/refresh");
        var bearer = AccessToken;
        // Refreshing only mints a new access token, so it is safe to send again after a transient failure.
        using var answer = await _transport.SendAsync(
            () => WithBearer(new HttpRequestMessage(new HttpMethod("PATCH"), uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") }, bearer),
            idempotent: true, "token refresh", ct).ConfigureAwait(false);
        int status = answer.Status;
        var token = answer.IsSuccess ? await ErrorMapper.ReadJsonAsync(answer, VcfJson.Info<string>(), "token refresh", ct).ConfigureAwait(false) : null;
        if (status >= 500 || TransientStatus.IsTransient(status))
        {
            // The server is struggling or throttling (the transport's retries ran out), not refusing: keep the
            // refresh token for the next try rather than log in again, which a throttled server would also refuse.
            throw new VcfException(VcfErrorKind.ServerError,
                $"SDDC Manager {_transport.Server} could not renew the session right now (HTTP {status}).")
            { HttpStatus = status };
        }
        if (string.IsNullOrEmpty(token))
        {
            _refreshTokenId = null;
            return false;
        }
        SetAccessToken(token!);
        VcfLog.Write(VcfLogLevel.Verbose, "Access token refreshed.");
        return true;
    }

    /// <summary>Revokes the refresh token (best effort: the session ends either way).</summary>
    public async Task RevokeAsync(CancellationToken ct)
    {
        var id = _refreshTokenId;
        var bearer = AccessToken;
        _refreshTokenId = null;
        Volatile.Write(ref _accessToken, null);
        if (id is null) return;
        var body = JsonSerializer.Serialize(id, VcfJsonContext.Default.String);
        var uri = new Uri(_baseUri, "v1/tokens/refresh-token");
        using var answer = await _transport.SendAsync(
            () => WithBearer(new HttpRequestMessage(HttpMethod.Delete, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") }, bearer),
            idempotent: true, "token revocation", ct).ConfigureAwait(false);
        var status = answer.Status;
        if (status >= 300 && status != 404)
            VcfLog.Write(VcfLogLevel.Warning, $"SDDC Manager did not revoke the refresh token (HTTP {status}).");
    }

    // The contract: every call but token creation carries the bearer token, even a refresh with an expired one.
    // A server that refuses it only costs a fresh login, as any rejected refresh does.
    private static HttpRequestMessage WithBearer(HttpRequestMessage request, string? token)
    {
        if (token is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private void SetAccessToken(string token)
    {
        var (issued, expires) = JwtExpiry.ReadClaims(token);
        _expiresAt = expires;
        // A minute ahead for the usual hour-long token; a fifth of the lifetime for short ones, so a
        // five-second token is renewed once per expiry rather than before every request.
        _renewAhead = issued is { } iat && expires is { } exp && exp > iat
            ? TimeSpan.FromTicks(Math.Min(RenewAhead.Ticks, (exp - iat).Ticks / 5))
            : RenewAhead;
        Volatile.Write(ref _accessToken, token);
    }
}

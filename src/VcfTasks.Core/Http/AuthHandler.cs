using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Auth;

namespace VcfTasks.Core.Http;

/// <summary>
/// Puts the bearer token on every request; on a 401, renews once (shared with every other waiting request) and
/// sends the request again. A 401 means the server did not act, so even a PATCH may be sent again here. A second
/// 401 is returned as is: never a loop.
/// </summary>
internal sealed class AuthHandler : DelegatingHandler
{
    private readonly TokenSession _session;

    public AuthHandler(TokenSession session, HttpMessageHandler inner) : base(inner)
    {
        _session = session;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await _session.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        Authorize(request, token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || token is null || !_session.CanRenew)
            return response;

        response.Dispose();
        VcfLog.Write(VcfLogLevel.Verbose, "The server answered 401: renewing the session and sending the request again.");
        await _session.RenewAsync(token, cancellationToken).ConfigureAwait(false);
        Authorize(request, _session.AccessToken);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static void Authorize(HttpRequestMessage request, string? token)
    {
        request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
    }
}

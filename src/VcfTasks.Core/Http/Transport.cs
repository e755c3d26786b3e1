using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks.Core.Http;

/// <summary>
/// Sends one request and names a failure to get an answer: untrusted certificate, no connection, timeout, or —
/// for a PATCH or DELETE that may have reached the server — an unknown outcome, which is never retried.
/// </summary>
internal sealed class Transport
{
    private readonly HttpClient _http;
    private readonly CertificatePolicy _certificates;
    private readonly string _server;
    private readonly TimeSpan _timeout;

    public Transport(HttpClient http, CertificatePolicy certificates, string server, TimeSpan timeout)
    {
        _http = http;
        _certificates = certificates;
        _server = server;
        _timeout = timeout;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken ct)
    {
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw Name(e, request.Method, what);
        }
    }

    private VcfException Name(Exception e, HttpMethod method, string what)
    {
        bool mayHaveActed = method != HttpMethod.Get && method != HttpMethod.Head;
        if (Find<AuthenticationException>(e) is not null)
        {
            var why = _certificates.LastRefusal ?? Find<AuthenticationException>(e)!.Message;
            return new VcfException(VcfErrorKind.CertificateUntrusted,
                $"The certificate of SDDC Manager {_server} is not trusted: {why}.", e)
            {
                RecommendedAction = "Install the server's CA certificate, or connect with -CertificateThumbprint <SHA-256 thumbprint> to pin it, or -SkipCertificateCheck for a lab.",
            };
        }
        if (Find<SocketException>(e) is { } socket &&
            socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NoData or SocketError.HostUnreachable or SocketError.NetworkUnreachable)
        {
            return new VcfException(VcfErrorKind.ConnectionFailed, $"Cannot reach SDDC Manager {_server} for {what}: {socket.Message}", e)
            {
                RecommendedAction = "Check the server name, the network and any proxy settings.",
            };
        }
        bool timedOut = e is TaskCanceledException;
        if (mayHaveActed)
        {
            var how = timedOut ? $"no answer came within {_timeout.TotalSeconds:0.#} s" : $"the connection failed ({Innermost(e).Message})";
            return new VcfException(VcfErrorKind.OutcomeUnknown,
                $"{what} may or may not have happened on {_server}: the request was sent but {how}. It was not sent again.", e)
            {
                RecommendedAction = "Check the task's state with Get-VcfTask before acting again.",
            };
        }
        if (timedOut)
        {
            return new VcfException(VcfErrorKind.RequestTimeout,
                $"SDDC Manager {_server} did not answer {what} within {_timeout.TotalSeconds:0.#} s.", e)
            {
                RecommendedAction = "Try again later, or connect with a larger -TimeoutSec.",
            };
        }
        return new VcfException(VcfErrorKind.ConnectionFailed, $"The connection to SDDC Manager {_server} failed during {what}: {Innermost(e).Message}", e);
    }

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return null;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}

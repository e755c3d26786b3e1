using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks.Core.Http;

/// <summary>
/// Runs one logical call within the connection's time limit and returns what came back (<see cref="HttpAnswer"/>:
/// status, headers, body), whatever the status: what an answer means to an operation is for
/// <see cref="ErrorMapper"/>. A safe request is sent again on transient statuses (<see cref="TransientStatus"/>) and
/// connection failures, including a body cut off while being read, as <see cref="RetryPolicy"/> allows. A failure to
/// get an answer is named here: untrusted certificate, no connection, timeout, or, for a PATCH or DELETE that may
/// have reached the server, an unknown outcome. A PATCH or DELETE is sent exactly once.
/// </summary>
internal sealed class Transport
{
    // What an error answer keeps of its body: enough for any Error document; a snippet is all a message quotes.
    internal const int MaxErrorBody = 64 * 1024;

    private readonly HttpClient _http;
    private readonly CertificatePolicy _certificates;
    private readonly string _server;
    private readonly TimeSpan _timeout;
    private readonly RetryPolicy _retry;
    private readonly TransportClock _clock;

    public Transport(HttpClient http, CertificatePolicy certificates, string server, TimeSpan timeout, RetryPolicy retry, TransportClock clock)
    {
        _http = http;
        _certificates = certificates;
        _server = server;
        _timeout = timeout;
        _retry = retry;
        _clock = clock;
    }

    /// <summary>The server as messages name it, as its connection does: the host, with the port when it is not 443.</summary>
    public string Server => _server;

    /// <summary>
    /// Sends the request made by <paramref name="create"/> (made anew for each attempt) and returns the answer, its
    /// body read within the time limit: whole for a success, at most <see cref="MaxErrorBody"/> bytes otherwise; a
    /// success to an unsafe request is returned without its body (nothing needs it, and a body that never ends must
    /// not turn a change that was made into a timeout). Safe requests (<paramref name="idempotent"/>) are sent again
    /// on transient statuses and connection failures (whoever listens for an overloaded server hears of each answer
    /// through <see cref="TransientStatusWatch"/>, from the handler that sees it). <paramref name="what"/> is the
    /// operation's name in messages.
    /// </summary>
    public async Task<HttpAnswer> SendAsync(Func<HttpRequestMessage> create, bool idempotent, string what, CancellationToken ct)
    {
        var deadline = _clock.Now() + _timeout;
        // The outcome of the attempt before a retry: if the time limit then cuts the retry off, that answer (the
        // server's 503) or failure (a reset) is what the caller hears, not a timeout the server never caused on its own.
        HttpAnswer? previousAnswer = null;
        VcfException? previousFailure = null;
        HttpAnswer? result = null;
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                ct.ThrowIfCancellationRequested();
                var timeLeft = deadline - _clock.Now();
                using var call = CancellationTokenSource.CreateLinkedTokenSource(ct);
                call.CancelAfter(timeLeft > TimeSpan.Zero ? timeLeft : TimeSpan.FromMilliseconds(1));
                TimeSpan? wait;
                string? why;
                try
                {
                    using var request = create();
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, call.Token).ConfigureAwait(false);
                    int status = (int)response.StatusCode;
                    // A body read that ignores its token (as on .NET Framework) still ends when the call is cancelled.
                    using var unblock = call.Token.Register(response.Dispose);
                    if (!idempotent || !TransientStatus.IsTransient(status))
                    {
                        var answer = await ReadAnswerAsync(response, idempotent, call.Token).ConfigureAwait(false);
                        if (answer.IsSuccess) _retry.Budget.OnSuccess();
                        return result = answer;
                    }
                    wait = _retry.NextDelay(attempt, RetryPolicy.RetryAfter(response.Headers, _clock.Now()), deadline - _clock.Now(), out why);
                    var transient = await ReadAnswerAsync(response, idempotent, call.Token).ConfigureAwait(false);
                    if (wait is null)
                    {
                        VcfLog.Write(VcfLogLevel.Verbose, $"{what}: HTTP {status}, not retried ({why}).");
                        return result = transient;
                    }
                    VcfLog.Write(VcfLogLevel.Verbose, $"{what}: HTTP {status}; attempt {attempt + 1} in {wait.Value.TotalMilliseconds:0} ms.");
                    previousAnswer?.Dispose();
                    previousAnswer = transient;
                    previousFailure = null;
                }
                catch (Exception e) when (ct.IsCancellationRequested)
                {
                    // The caller stopped (Ctrl+C, a wait's deadline): whatever the read failed with — a disposed
                    // response, a broken stream — it is a cancellation, never a timeout or a failure to retry.
                    if (e is OperationCanceledException) throw;
                    throw new OperationCanceledException(ct);
                }
                catch (ObjectDisposedException e) when (!call.IsCancellationRequested)
                {
                    throw new VcfException(VcfErrorKind.NotConnected, $"The connection to SDDC Manager {_server} was closed.", e)
                    {
                        RecommendedAction = "Run Connect-VcfSddcManager again.",
                    };
                }
                catch (Exception e) when (IsTransportFailure(e))
                {
                    // Past the time limit the response is disposed, so a read may fail with ObjectDisposedException.
                    bool timedOut = e is OperationCanceledException || call.IsCancellationRequested;
                    if (timedOut && idempotent && (previousAnswer is not null || previousFailure is not null))
                    {
                        VcfLog.Write(VcfLogLevel.Verbose, $"{what}: attempt {attempt} had no answer within the time limit; reporting attempt {attempt - 1}'s outcome.");
                        if (previousAnswer is not null) return result = previousAnswer;
                        throw previousFailure!;
                    }
                    var failure = Name(e, idempotent, what, timedOut);
                    if (!idempotent || timedOut || failure.Kind == VcfErrorKind.CertificateUntrusted) throw failure;
                    wait = _retry.NextDelay(attempt, null, deadline - _clock.Now(), out why);
                    if (wait is null)
                    {
                        VcfLog.Write(VcfLogLevel.Verbose, $"{what}: {Innermost(e).Message}; not retried ({why}).");
                        throw failure;
                    }
                    VcfLog.Write(VcfLogLevel.Verbose, $"{what}: {Innermost(e).Message}; attempt {attempt + 1} in {wait.Value.TotalMilliseconds:0} ms.");
                    previousAnswer?.Dispose();
                    previousAnswer = null;
                    previousFailure = failure;
                }
                await _clock.Delay(wait.Value, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            // A transient answer kept for a retry that then got no further use.
            if (previousAnswer is not null && !ReferenceEquals(previousAnswer, result)) previousAnswer.Dispose();
        }
    }

    // The body as the rules of SendAsync say. A success body of a safe request must come whole: one cut off throws
    // (a connection failure, so the request is sent again). An error body is best effort: the status already
    // says what happened, so a body that breaks off keeps what came.
    private static async Task<HttpAnswer> ReadAnswerAsync(HttpResponseMessage response, bool idempotent, CancellationToken ct)
    {
        int status = (int)response.StatusCode;
        var content = response.Content;
        var mediaType = content?.Headers.ContentType?.MediaType;
        bool success = response.IsSuccessStatusCode;
        var chunks = new List<byte[]>();
        if (content is null || (success && !idempotent))
            return new HttpAnswer(status, response.ReasonPhrase, response.Headers, mediaType, chunks, 0);
        long limit = success ? int.MaxValue : MaxErrorBody;
        int length = 0;
        bool kept = false;
        try
        {
            using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
            int used = HttpAnswer.ChunkSize;
            while (length < limit)
            {
                if (used == HttpAnswer.ChunkSize)
                {
                    chunks.Add(ArrayPool<byte>.Shared.Rent(HttpAnswer.ChunkSize));
                    used = 0;
                }
                int read = await stream.ReadAsync(chunks[chunks.Count - 1], used, (int)Math.Min(HttpAnswer.ChunkSize - used, limit - length), ct).ConfigureAwait(false);
                if (read == 0) break;
                used += read;
                length += read;
            }
            kept = true;
        }
        catch (Exception e) when (!success && e is HttpRequestException or IOException)
        {
            kept = true;
        }
        finally
        {
            if (!kept)
            {
                foreach (var chunk in chunks) ArrayPool<byte>.Shared.Return(chunk);
            }
        }
        return new HttpAnswer(status, response.ReasonPhrase, response.Headers, mediaType, chunks, length);
    }

    private static bool IsTransportFailure(Exception e) =>
        e is HttpRequestException or IOException or OperationCanceledException or SocketException or ObjectDisposedException;

    private VcfException Name(Exception e, bool idempotent, string what, bool timedOut)
    {
        if (Find<AuthenticationException>(e) is { } tls)
        {
            var why = _certificates.LastRefusal ?? tls.Message;
            return new VcfException(VcfErrorKind.CertificateUntrusted,
                $"The certificate of SDDC Manager {_server} is not trusted: {why}.", e)
            {
                RecommendedAction = "Install the server's CA certificate, or connect with -CertificateThumbprint <SHA-256 thumbprint> to pin it, or -SkipCertificateCheck for a lab.",
            };
        }
        if (Find<SocketException>(e) is { } socket &&
            socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NoData or SocketError.HostUnreachable or SocketError.NetworkUnreachable)
        {
            // The request never left: safe to say so even for a PATCH.
            return new VcfException(VcfErrorKind.ConnectionFailed, $"Cannot reach SDDC Manager {_server} for {what}: {socket.Message}", e)
            {
                RecommendedAction = "Check the server name, the network and any proxy settings.",
            };
        }
        if (!idempotent)
        {
            var how = timedOut ? $"no answer came within {_timeout.TotalSeconds:0.#} s" : $"the connection failed ({Innermost(e).Message})";
            return new VcfException(VcfErrorKind.OutcomeUnknown,
                $"{Capitalize(what)} may or may not have happened on {_server}: the request was sent but {how}. It was not sent again.", e)
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

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s.Substring(1);

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

/// <summary>The clock and the sleep the transport uses; tests give a fake one.</summary>
internal sealed class TransportClock
{
    public static readonly TransportClock System = new(() => DateTimeOffset.UtcNow, (d, ct) => Task.Delay(d, ct));

    public TransportClock(Func<DateTimeOffset> now, Func<TimeSpan, CancellationToken, Task> delay)
    {
        Now = now;
        Delay = delay;
    }

    public Func<DateTimeOffset> Now { get; }
    public Func<TimeSpan, CancellationToken, Task> Delay { get; }
}

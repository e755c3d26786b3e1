using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks.Core.Http;

/// <summary>Logs each attempt on the wire: method, path and query, status, milliseconds. Never a header or a body.</summary>
internal sealed class LoggingHandler : DelegatingHandler
{
    public LoggingHandler(HttpMessageHandler inner) : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!VcfLog.Enabled)
        {
            var quiet = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            TransientStatusWatch.Saw((int)quiet.StatusCode);
            return quiet;
        }
        var watch = Stopwatch.StartNew();
        var what = $"{request.Method.Method} {request.RequestUri?.PathAndQuery}";
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            TransientStatusWatch.Saw((int)response.StatusCode);
            VcfLog.Write(VcfLogLevel.Verbose, $"{what} → {(int)response.StatusCode} {response.ReasonPhrase} in {watch.ElapsedMilliseconds} ms");
            return response;
        }
        catch (System.Exception e)
        {
            VcfLog.Write(VcfLogLevel.Verbose, $"{what} → no answer after {watch.ElapsedMilliseconds} ms ({e.GetType().Name})");
            throw;
        }
    }
}

using Microsoft.AspNetCore.Http.Features;
using VcfTasks.Simulator.Auth;
using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Faults;

/// <summary>Plays one queued fault on a request. Returns true when the connection was aborted (logged as status 0).</summary>
internal sealed class FaultPlayer(TokenService tokens, CancellationToken stopping)
{
    public async Task<bool> PlayAsync(HttpContext ctx, FaultSpec? fault, RequestDelegate next)
    {
        switch (fault?.Kind)
        {
            case null:
                await next(ctx);
                return false;
            case "status":
                await WriteStatus(ctx, fault);
                return false;
            case "delay":
                await Task.Delay(fault.DelayMs ?? 0, ctx.RequestAborted);
                await next(ctx);
                return false;
            case "hang":
                // Never answer: wait until the client gives up or the simulator stops.
                using (var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping))
                {
                    await Task.Delay(Timeout.Infinite, cts.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }

                ctx.Abort();
                return true;
            case "reset":
                ctx.Abort();
                return true;
            case "resetAfterProcessing":
                // The request takes effect (a PATCH really retries) but the client never sees the answer.
                await RunBuffered(ctx, next);
                ctx.Abort();
                return true;
            case "resetMidBody":
                var full = await RunBuffered(ctx, next);
                ResetResponse(ctx, full.ContentType ?? ApiResults.Json);
                ctx.Response.ContentLength = full.Body.Length;
                await ctx.Response.Body.WriteAsync(full.Body.AsMemory(0, full.Body.Length / 2), ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                ctx.Abort();
                return true;
            case "truncate":
                var whole = await RunBuffered(ctx, next);
                ResetResponse(ctx, whole.ContentType ?? ApiResults.Json);
                ctx.Response.ContentLength = whole.Body.Length / 2;
                await ctx.Response.Body.WriteAsync(whole.Body.AsMemory(0, whole.Body.Length / 2), ctx.RequestAborted);
                return false;
            case "html":
                ResetResponse(ctx, "text/html; charset=utf-8");
                await ctx.Response.WriteAsync(HtmlPage, ctx.RequestAborted);
                return false;
            case "expireTokens":
                tokens.ExpireAllAccess();
                await next(ctx);
                return false;
            default:
                throw new InvalidOperationException("Unknown fault kind " + fault.Kind);
        }
    }

    private const string HtmlPage =
        "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n" +
        "<body><h1>Bad Gateway</h1><p>The proxy server received an invalid response from an upstream server.</p></body></html>\n";

    private static async Task WriteStatus(HttpContext ctx, FaultSpec fault)
    {
        var status = fault.Status ?? StatusCodes.Status503ServiceUnavailable;
        ctx.Response.StatusCode = status;
        foreach (var (name, value) in fault.Headers ?? [])
        {
            ctx.Response.Headers[name] = value;
        }

        if (fault.Body is { } body)
        {
            // {authorization} lets a test play "an error body that echoes the token".
            var text = body.Replace("{authorization}", ctx.Request.Headers.Authorization.ToString(), StringComparison.Ordinal);
            ctx.Response.ContentType = fault.ContentType ?? ApiResults.Json;
            await ctx.Response.WriteAsync(text, ctx.RequestAborted);
            return;
        }

        if (status is >= 200 and not 204 and not 304)
        {
            var error = ErrorBodies.Create(DefaultCode(status), $"Simulated fault: HTTP {status}", "Retry later.");
            ctx.Response.ContentType = ApiResults.Json;
            await ctx.Response.Body.WriteAsync(SimJson.Bytes(error), ctx.RequestAborted);
        }
    }

    private static string DefaultCode(int status) => status switch
    {
        429 => "TOO_MANY_REQUESTS",
        500 => "INTERNAL_SERVER_ERROR",
        502 => "BAD_GATEWAY",
        503 => "SERVICE_UNAVAILABLE",
        504 => "GATEWAY_TIMEOUT",
        _ => "SIMULATED_FAULT",
    };

    /// <summary>Runs the rest of the pipeline into memory, so the fault decides what (if anything) reaches the wire.</summary>
    private static async Task<(int Status, string? ContentType, byte[] Body)> RunBuffered(HttpContext ctx, RequestDelegate next)
    {
        var original = ctx.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        var capture = new StreamResponseBodyFeature(buffer);
        ctx.Features.Set<IHttpResponseBodyFeature>(capture);
        try
        {
            await next(ctx);
            await capture.CompleteAsync();
        }
        finally
        {
            ctx.Features.Set(original);
        }

        return (ctx.Response.StatusCode, ctx.Response.ContentType, buffer.ToArray());
    }

    private static void ResetResponse(HttpContext ctx, string contentType)
    {
        ctx.Response.Headers.Clear();
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = contentType;
    }
}

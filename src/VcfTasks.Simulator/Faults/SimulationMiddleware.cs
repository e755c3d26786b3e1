using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Faults;

/// <summary>
/// First in the pipeline for every request but the control API: records it in the request log,
/// adds the configured latency to /v1 calls, and plays the first queued fault that matches.
/// </summary>
internal sealed class SimulationMiddleware(RequestDelegate next, FaultQueue faults, RequestLog log, FaultPlayer player, Latency latency, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext ctx)
    {
        var request = ctx.Request;
        if (request.Path.StartsWithSegments("/_sim"))
        {
            await next(ctx);
            return;
        }

        var seq = log.NextSeq();
        var time = Statuses.Format(clock.GetUtcNow());
        var fault = faults.Take(request.Method, request.Path.Value ?? "/");
        var aborted = false;
        try
        {
            if (request.Path.StartsWithSegments("/v1"))
            {
                await latency.WaitAsync(ctx.RequestAborted);
            }

            aborted = await player.PlayAsync(ctx, fault, next);
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // The client went away first: there is nobody to answer.
            aborted = true;
        }
        finally
        {
            log.Add(new RequestRecord(seq, time, request.Method, request.Path.Value ?? "/",
                RequestLog.Redact(request.Query), aborted ? 0 : ctx.Response.StatusCode, fault?.Kind));
        }
    }
}

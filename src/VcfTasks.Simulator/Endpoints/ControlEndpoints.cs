using System.Text.Json;
using VcfTasks.Simulator.Auth;
using VcfTasks.Simulator.Faults;
using VcfTasks.Simulator.Model;
using VcfTasks.Simulator.Tasks;

namespace VcfTasks.Simulator.Endpoints;

/// <summary>
/// The /_sim control API that tests use to queue faults, read the request log and steer tokens.
/// Every call needs the X-Sim-Control-Key header of this start; these calls are never logged
/// and never delayed or faulted, so the control channel stays reliable while /v1 is not.
/// </summary>
internal static class ControlEndpoints
{
    public const string KeyHeader = "X-Sim-Control-Key";

    public static void Map(IEndpointRouteBuilder app, string controlKey, FaultQueue faults, RequestLog log, TaskStore store, TokenService tokens)
    {
        var sim = app.MapGroup("/_sim").AddEndpointFilter(async (ctx, next) =>
            Credentials.Same(ctx.HttpContext.Request.Headers[KeyHeader].ToString(), controlKey)
                ? await next(ctx)
                : ApiResults.Error(StatusCodes.Status403Forbidden,
                    ErrorBodies.Create("SIM_CONTROL_KEY_REQUIRED", $"The {KeyHeader} header is missing or wrong.")));

        sim.MapPost("/faults", async (HttpContext ctx) =>
        {
            FaultSpec? spec;
            try
            {
                spec = await JsonSerializer.DeserializeAsync<FaultSpec>(ctx.Request.Body, SimJson.Options, ctx.RequestAborted);
            }
            catch (JsonException e)
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, ErrorBodies.Create("SIM_BAD_FAULT", "The fault is not valid JSON: " + e.Message));
            }

            var problem = spec is null ? "empty body" : spec.Problem();
            if (problem is not null || spec is null)
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, ErrorBodies.Create("SIM_BAD_FAULT", "The fault is not valid: " + problem));
            }

            return ApiResults.Object(new { id = faults.Add(spec) }, StatusCodes.Status201Created);
        });
        sim.MapGet("/faults", () => ApiResults.Object(faults.Pending()));
        sim.MapDelete("/faults", () =>
        {
            faults.Clear();
            return Results.NoContent();
        });

        sim.MapGet("/requests", () => ApiResults.Object(log.Snapshot()));
        sim.MapDelete("/requests", () =>
        {
            log.Clear();
            return Results.NoContent();
        });

        // The filters of /v1/tasks (taskStatus, taskType, ...) and its order; never paged: the truth to compare a listing with.
        sim.MapGet("/tasks", (HttpContext ctx) => ctx.Request.Query.Count == 0
            ? ApiResults.Object(store.Ids())
            : TaskQuery.Parse(ctx.Request.Query, out var error) is { } query
                ? ApiResults.Object(store.Ids(query))
                : ApiResults.Error(StatusCodes.Status400BadRequest, error!));

        sim.MapPost("/tokens/expire", () =>
        {
            tokens.ExpireAllAccess();
            return Results.NoContent();
        });
        sim.MapPost("/tokens/revoke-refresh", () =>
        {
            tokens.RevokeAllRefresh();
            return Results.NoContent();
        });
    }
}

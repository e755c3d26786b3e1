using VcfTasks.Simulator.Model;
using VcfTasks.Simulator.Tasks;
using VcfTasks.Simulator.Wire;

namespace VcfTasks.Simulator.Endpoints;

/// <summary>The /v1/tasks operations of CONTRACT.md (the credentials API's are in CredentialsEndpoints).</summary>
internal static class TaskEndpoints
{
    public static void Map(IEndpointRouteBuilder app, TaskStore store, ApiProfile profile)
    {
        // The version's own parameters only: 4.5 answers every listing whole and unfiltered by name.
        if (store.Paging.AnswerOrder is { } order)
        {
            app.MapGet("/v1/tasks", (HttpContext ctx) => ListInTurnAsync(ctx, store, profile, order));
        }
        else
        {
            app.MapGet("/v1/tasks", (HttpContext ctx) =>
                TaskQuery.Parse(profile.Known(ctx.Request.Query), out var error) is { } query
                    ? ApiResults.JsonBytes(store.ListJson(query))
                    : ApiResults.Error(StatusCodes.Status400BadRequest, error!));
        }

        app.MapGet("/v1/tasks/{id}", (string id) =>
            store.GetJson(id) is { } json
                ? ApiResults.JsonBytes(json)
                : ApiResults.Error(StatusCodes.Status404NotFound, ErrorBodies.TaskNotFound(id)));

        app.MapPatch("/v1/tasks/{id}", (string id) => store.Retry(id) switch
        {
            ChangeResult.Done => ApiResults.EmptyOk(),
            ChangeResult.NotFound => ApiResults.Error(StatusCodes.Status404NotFound, ErrorBodies.TaskNotFound(id)),
            ChangeResult.CredentialsTask => ApiResults.Error(StatusCodes.Status409Conflict, ErrorBodies.CredentialsRetryNotSupported(id)),
            _ => ApiResults.Error(StatusCodes.Status409Conflict, ErrorBodies.NotRetryable(id)),
        });

        app.MapDelete("/v1/tasks/{id}", (string id) => store.Cancel(id) switch
        {
            ChangeResult.Done => ApiResults.EmptyOk(),
            ChangeResult.NotFound => ApiResults.Error(StatusCodes.Status404NotFound, ErrorBodies.TaskNotFound(id)),
            _ => ApiResults.Error(StatusCodes.Status409Conflict, ErrorBodies.NotCancellable(id)),
        });
    }

    /// <summary>
    /// A listing on a server that answers side-by-side requests out of order (<c>--out-of-order</c>): the page is
    /// cut and its answer written only in this request's turn, and the next request goes once it is written.
    /// </summary>
    private static async Task ListInTurnAsync(HttpContext ctx, TaskStore store, ApiProfile profile, ReversedBatches order)
    {
        if (TaskQuery.Parse(profile.Known(ctx.Request.Query), out var error) is not { } query)
        {
            await ApiResults.Error(StatusCodes.Status400BadRequest, error!).ExecuteAsync(ctx);
            return;
        }

        using (await order.TurnAsync(ctx.RequestAborted))
        {
            await ApiResults.JsonBytes(store.ListJson(query)).ExecuteAsync(ctx);
        }
    }
}

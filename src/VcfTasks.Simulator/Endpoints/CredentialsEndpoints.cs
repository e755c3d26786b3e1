using System.Globalization;
using System.Text.Json;
using VcfTasks.Simulator.Model;
using VcfTasks.Simulator.Tasks;
using VcfTasks.Simulator.Wire;

namespace VcfTasks.Simulator.Endpoints;

/// <summary>
/// The /v1/credentials/tasks operations (CONTRACT.md, "Credentials tasks"): list, get, resource-credentials (5.2
/// and later; 4.5 has none), PATCH to retry a FAILED one with a CredentialsUpdateSpec (400 with the reason for a bad
/// body), DELETE to cancel a FAILED one. Both answer 202 with the Task; DELETE answers 204 on 4.5.
/// </summary>
internal static class CredentialsEndpoints
{
    public static void Map(IEndpointRouteBuilder app, TaskStore store, ApiProfile profile, int? quirksSeed)
    {
        var writer = new CredentialsWriter(quirksSeed);

        app.MapGet("/v1/credentials/tasks", (HttpContext ctx) =>
        {
            var raw = ctx.Request.Query["limit"].ToString();
            if (raw.Length == 0)
            {
                return ApiResults.JsonBytes(writer.Page(store.ListCredentials(null)));
            }

            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) && limit >= 0
                ? ApiResults.JsonBytes(writer.Page(store.ListCredentials(limit)))
                : ApiResults.Error(StatusCodes.Status400BadRequest, ErrorBodies.BadParameter("limit", raw, "must be an integer, 0 or more"));
        });

        app.MapGet("/v1/credentials/tasks/{id}", (string id) =>
            store.GetCredentials(id) is { } task
                ? ApiResults.JsonBytes(writer.Task(task))
                : ApiResults.Error(StatusCodes.Status404NotFound, ErrorBodies.CredentialsTaskNotFound(id)));

        if (profile.Version != "4.5")
        {
            app.MapGet("/v1/credentials/tasks/{id}/resource-credentials", (string id) =>
                store.ResourceCredentials(id) is { } resources
                    ? ApiResults.JsonBytes(writer.Resources(resources))
                    : ApiResults.Error(StatusCodes.Status404NotFound, ErrorBodies.CredentialsTaskNotFound(id)));
        }

        app.MapPatch("/v1/credentials/tasks/{id}", async (string id, HttpContext ctx) =>
        {
            var body = await ReadBodyAsync(ctx);
            try
            {
                var change = store.RetryCredentials(id, body);
                return change.Result switch
                {
                    CredentialsChangeResult.Done => ApiResults.JsonBytes(change.Task!, StatusCodes.Status202Accepted),
                    CredentialsChangeResult.NotFound => ApiResults.Error(StatusCodes.Status404NotFound, ErrorBodies.CredentialsTaskNotFound(id)),
                    CredentialsChangeResult.BadSpec => ApiResults.Error(StatusCodes.Status400BadRequest, SpecInvalid(id, change.Reason!)),
                    _ => ApiResults.Error(StatusCodes.Status400BadRequest, NotRetryable(id, change.Reason!)),
                };
            }
            finally
            {
                body?.Dispose();
            }
        });

        app.MapDelete("/v1/credentials/tasks/{id}", (string id) =>
        {
            var change = store.CancelCredentials(id);
            return change.Result switch
            {
                CredentialsChangeResult.Done when profile.Version == "4.5" => Results.NoContent(),
                CredentialsChangeResult.Done => ApiResults.JsonBytes(change.Task!, StatusCodes.Status202Accepted),
                CredentialsChangeResult.NotFound => ApiResults.Error(StatusCodes.Status404NotFound, ErrorBodies.CredentialsTaskNotFound(id)),
                _ => ApiResults.Error(StatusCodes.Status400BadRequest, NotCancellable(id, change.Reason!)),
            };
        });
    }

    private static async Task<JsonDocument?> ReadBodyAsync(HttpContext ctx)
    {
        try
        {
            return await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ApiError SpecInvalid(string id, string reason) =>
        ErrorBodies.Create("CREDENTIALS_SPEC_INVALID", $"Invalid CredentialsUpdateSpec for task {id}: {reason}",
            "Correct the CredentialsUpdateSpec and retry.", id);

    private static ApiError NotRetryable(string id, string status) =>
        ErrorBodies.Create("CREDENTIALS_TASK_NOT_RETRYABLE", $"Credentials task {id} is {status}: only a FAILED credentials task can be retried.",
            "Retry only credentials tasks whose status is FAILED.", id);

    private static ApiError NotCancellable(string id, string status) =>
        ErrorBodies.Create("CREDENTIALS_TASK_NOT_CANCELLABLE", $"Credentials task {id} is {status}: only a FAILED credentials task can be cancelled.",
            "Cancel only credentials tasks whose status is FAILED.", id);
}

using System.Text.Json;
using VcfTasks.Simulator.Auth;
using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Endpoints;

/// <summary>POST /v1/tokens, PATCH /v1/tokens/access-token/refresh, DELETE /v1/tokens/refresh-token.</summary>
internal static class TokenEndpoints
{
    public static void Map(IEndpointRouteBuilder app, TokenService tokens, Credentials credentials)
    {
        app.MapPost("/v1/tokens", async (HttpContext ctx) =>
        {
            using var body = await ReadJson(ctx);
            if (body?.RootElement.ValueKind != JsonValueKind.Object)
            {
                return BadRequest("The body must be a TokenCreationSpec object: {\"username\",\"password\"} or {\"apiKey\"}.");
            }

            var spec = body.RootElement;
            var username = Text(spec, "username");
            var password = Text(spec, "password");
            var apiKey = Text(spec, "apiKey");
            string subject;
            if (apiKey is not null)
            {
                if (!Credentials.Same(apiKey, credentials.ApiKey))
                {
                    return Unauthorized();
                }

                subject = credentials.Username;
            }
            else if (username is not null && password is not null)
            {
                if (!Credentials.Same(username, credentials.Username) || !Credentials.Same(password, credentials.Password))
                {
                    return Unauthorized();
                }

                subject = username;
            }
            else
            {
                return BadRequest("Give either username and password, or apiKey.");
            }

            var (access, refresh) = tokens.Create(subject);
            return ApiResults.Object(new { accessToken = access, refreshToken = new { id = refresh } }, StatusCodes.Status201Created);
        });

        app.MapPatch("/v1/tokens/access-token/refresh", async (HttpContext ctx) =>
        {
            if (await ReadRefreshId(ctx) is not { } id)
            {
                return BadRequest("The body must be the refresh token id as a JSON string.");
            }

            return tokens.Refresh(id) is { } access
                ? ApiResults.Object(access)
                : RefreshNotFound();
        });

        app.MapDelete("/v1/tokens/refresh-token", async (HttpContext ctx) =>
        {
            if (await ReadRefreshId(ctx) is not { } id)
            {
                return BadRequest("The body must be the refresh token id as a JSON string.");
            }

            // 204 whether or not the id was known: revoking is idempotent, and saying which ids
            // exist would help an attacker guess them.
            tokens.Revoke(id);
            return Results.NoContent();
        });
    }

    private static IResult Unauthorized() => ApiResults.Error(StatusCodes.Status401Unauthorized,
        ErrorBodies.Create("IDENTITY_UNAUTHORIZED_ENTITY", "Unable to authenticate: the credentials are not valid.",
            "Check the user name and password, or the API key, and retry."));

    private static IResult BadRequest(string message) => ApiResults.Error(StatusCodes.Status400BadRequest,
        ErrorBodies.Create("TOKEN_BAD_REQUEST", message, "Correct the request body and retry."));

    // The id is not echoed into the message: it is a credential.
    private static IResult RefreshNotFound() => ApiResults.Error(StatusCodes.Status404NotFound,
        ErrorBodies.Create("REFRESH_TOKEN_NOT_FOUND", "Refresh token not found or revoked.",
            "Create new tokens with POST /v1/tokens."));

    /// <summary>The refresh id from a JSON string body; a bare id or {"id":...} is accepted too, as clients differ.</summary>
    private static async Task<string?> ReadRefreshId(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        var text = (await reader.ReadToEndAsync(ctx.RequestAborted)).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind switch
            {
                JsonValueKind.String => doc.RootElement.GetString() is { Length: > 0 } s ? s : null,
                JsonValueKind.Object => Text(doc.RootElement, "id"),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return text.Any(char.IsWhiteSpace) ? null : text;
        }
    }

    private static async Task<JsonDocument?> ReadJson(HttpContext ctx)
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

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

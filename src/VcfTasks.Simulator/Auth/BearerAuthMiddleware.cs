using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Auth;

/// <summary>
/// Requires a valid bearer token on every /v1 call except the token endpoints, which
/// authenticate with their own material (credentials or a refresh id), as on SDDC Manager.
/// </summary>
internal sealed class BearerAuthMiddleware(RequestDelegate next, TokenService tokens)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/v1") || path.StartsWithSegments("/v1/tokens"))
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var why = !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? "missing bearer token"
            : tokens.Validate(header["Bearer ".Length..].Trim()) switch
            {
                TokenCheck.Valid => null,
                TokenCheck.Expired => "access token expired",
                TokenCheck.Revoked => "access token revoked",
                TokenCheck.BadSignature => "access token signature is not valid",
                _ => "malformed access token",
            };
        if (why is null)
        {
            await next(context);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        await ApiResults.Error(StatusCodes.Status401Unauthorized, ErrorBodies.Unauthorized(why)).ExecuteAsync(context);
    }
}

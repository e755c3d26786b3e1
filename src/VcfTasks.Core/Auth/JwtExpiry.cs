using System;
using System.Text.Json;

namespace VcfTasks.Core.Auth;

/// <summary>Reads the <c>iat</c> and <c>exp</c> claims of a JWT without validating it (the server does that).</summary>
internal static class JwtExpiry
{
    /// <summary>The expiry, or null when the token is not a JWT with an <c>exp</c>.</summary>
    public static DateTimeOffset? Read(string? token) => ReadClaims(token).Expires;

    public static (DateTimeOffset? IssuedAt, DateTimeOffset? Expires) ReadClaims(string? token)
    {
        if (string.IsNullOrEmpty(token)) return (null, null);
        var parts = token!.Split('.');
        if (parts.Length < 2) return (null, null);
        DateTimeOffset? iat = null, exp = null;
        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
            var reader = new Utf8JsonReader(Convert.FromBase64String(payload));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return (null, null);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isExp = reader.ValueTextEquals("exp");
                bool isIat = reader.ValueTextEquals("iat");
                reader.Read();
                // The whole payload is in memory (a final block), so Skip() is safe here, unlike on a streamed body.
                var seconds = (isExp || isIat) ? Seconds(ref reader) : null;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                if (seconds is { } s && s > 0 && s < 253402300799L)
                {
                    if (isExp) exp = DateTimeOffset.FromUnixTimeSeconds(s);
                    else iat = DateTimeOffset.FromUnixTimeSeconds(s);
                }
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or InvalidOperationException)
        {
            return (null, null);
        }
        return (iat, exp);
    }

    // Whole seconds only: a fraction, a text or anything else leaves the claim unread (renewal then goes by 401s).
    private static long? Seconds(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seconds) ? seconds : null;
}

using System;
using System.Text;
using System.Text.Json;

namespace VcfTasks.Core.Auth;

/// <summary>Reads the <c>exp</c> claim of a JWT without validating it (the server does that); null when it is not a JWT.</summary>
internal static class JwtExpiry
{
    public static DateTimeOffset? Read(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var parts = token!.Split('.');
        if (parts.Length < 2) return null;
        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
            var reader = new Utf8JsonReader(Convert.FromBase64String(payload));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isExp = reader.ValueTextEquals("exp");
                reader.Read();
                if (isExp && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seconds))
                    return DateTimeOffset.FromUnixTimeSeconds(seconds);
                reader.Skip();
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
        }
        return null;
    }
}

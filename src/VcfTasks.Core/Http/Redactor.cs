using System.Text;
using System.Text.RegularExpressions;

namespace VcfTasks.Core.Http;

/// <summary>Removes anything that looks like a secret from text that may reach a user: error snippets, log lines.</summary>
internal static class Redactor
{
    // JWTs, bearer values, and JSON fields whose names say they hold a secret.
    private static readonly Regex Jwt = new(@"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*", RegexOptions.Compiled);
    private static readonly Regex Bearer = new(@"(?i)(bearer\s+)[^\s""',;]+", RegexOptions.Compiled);
    public const string Mask = "[REDACTED]";

    private static readonly string[] SecretNameList =
    {
        "accessToken", "refreshToken", "access_token", "refresh_token", "password", "apiKey", "api_key", "token",
        "id_token", "idToken", "secret", "newPassword", "oldPassword",
    };

    private static readonly System.Collections.Generic.HashSet<string> SecretNames = new(SecretNameList, System.StringComparer.OrdinalIgnoreCase);

    // The same names inside JSON held as text (an error message quoting a request body, a non-JSON body).
    private static readonly Regex SecretField = new(
        @"(?i)(""(?:" + string.Join("|", SecretNameList) + @")""\s*:\s*)(""(?:[^""\\]|\\.)*""|\{[^}]*\}|-?[0-9][0-9.eE+-]*)",
        RegexOptions.Compiled);

    /// <summary>
    /// A JSON value with secrets masked structurally: every value of a secret-named property, and every string
    /// through <see cref="Redact"/> (which also catches secrets inside escaped JSON held in a string).
    /// </summary>
    public static void WriteRedacted(System.Text.Json.Utf8JsonWriter writer, System.Text.Json.JsonElement element)
    {
        switch (element.ValueKind)
        {
            case System.Text.Json.JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (SecretNames.Contains(property.Name) && property.Value.ValueKind != System.Text.Json.JsonValueKind.Null)
                        writer.WriteStringValue(Mask);
                    else
                        WriteRedacted(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case System.Text.Json.JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) WriteRedacted(writer, item);
                writer.WriteEndArray();
                break;
            case System.Text.Json.JsonValueKind.String:
                writer.WriteStringValue(Redact(element.GetString() ?? string.Empty));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>The text with secrets masked, whitespace folded, and cut to <paramref name="max"/> characters.</summary>
    public static string Snippet(string? text, int max = 200)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var redacted = Redact(text!);
        var sb = new StringBuilder(System.Math.Min(redacted.Length, max + 1));
        bool space = false;
        foreach (char c in redacted)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            if (sb.Length >= max) { sb.Append('…'); break; }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>The text with JWTs, bearer values and secret JSON fields masked.</summary>
    public static string Redact(string text)
    {
        text = SecretField.Replace(text, m => m.Groups[1].Value + "\"" + Mask + "\"");
        text = Bearer.Replace(text, m => m.Groups[1].Value + Mask);
        return Jwt.Replace(text, Mask);
    }
}

using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VcfTasks.Core.Json;

// The API is loose: fields go missing, change type between versions, or carry nonsense.
// These converters read what they can and never throw for a value of the wrong kind, so one
// odd field never costs the user the whole listing.
//
// A body is read as a stream, so the reader usually holds only part of the document: Utf8JsonReader.Skip()
// throws there ("Cannot skip tokens on partial JSON") even for a null. System.Text.Json hands a custom converter
// its whole value before calling it, so TrySkip() always succeeds here; a null is answered before any skipping.

/// <summary>Reads a status from any JSON value; unknown text is kept raw. A null becomes an empty, unknown status.</summary>
internal sealed class LenientStatusConverter : JsonConverter<VcfTaskStatus>
{
    public override bool HandleNull => true;

    public override VcfTaskStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => VcfTaskStatus.FromRaw(LenientText.Read(ref reader));

    public override void Write(Utf8JsonWriter writer, VcfTaskStatus value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.Raw);
}

/// <summary>Reads a string; a number or boolean where a string belongs is kept as its text; an object or array is skipped.</summary>
internal sealed class LenientStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => LenientText.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
        => writer.WriteStringValue(value);

    // Dictionary keys (Error.context, fixture queries) go through these.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.GetString() ?? string.Empty;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
        => writer.WritePropertyName(value);
}

/// <summary>Reads ISO-8601 text (or epoch milliseconds) as UTC; garbage becomes null.</summary>
internal sealed class LenientTimestampConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return LenientTimestamp.Parse(reader.GetString());
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var ms) ? LenientTimestamp.FromEpochMilliseconds(ms) : null;
            default:
                LenientText.SkipValue(ref reader);
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }
}

/// <summary>Reads true/false, "true"/"false" or 0/1; anything else is null (unknown).</summary>
internal sealed class LenientBooleanConverter : JsonConverter<bool?>
{
    public override bool HandleNull => true;

    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True: return true;
            case JsonTokenType.False: return false;
            case JsonTokenType.String:
                return bool.TryParse(reader.GetString(), out var b) ? b : null;
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var n) ? n != 0 : null;
            default:
                LenientText.SkipValue(ref reader);
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue(); else writer.WriteBooleanValue(value.Value);
    }
}

/// <summary>Reads a 32-bit integer from a number or numeric text; anything else is null.</summary>
internal sealed class LenientInt32Converter : JsonConverter<int?>
{
    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt32(out var n) ? n : null;
            case JsonTokenType.String:
                return int.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null;
            default:
                LenientText.SkipValue(ref reader);
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue(); else writer.WriteNumberValue(value.Value);
    }
}

internal static class LenientText
{
    /// <summary>The value as text: strings as sent, numbers and booleans as their JSON text, null for the rest.</summary>
    public static string? Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray());
            case JsonTokenType.True: return "true";
            case JsonTokenType.False: return "false";
            default:
                SkipValue(ref reader);
                return null;
        }
    }

    /// <summary>Moves past the value the reader is on (an object or array with all it holds); a scalar needs no move.</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
            throw new JsonException("A value was handed to a converter before it was read whole.");
    }
}

/// <summary>Timestamps as servers write them: ISO-8601 with <c>Z</c>, <c>+00:00</c>, <c>+0000</c> or no zone (UTC), or epoch milliseconds.</summary>
internal static class LenientTimestamp
{
    private static readonly string[] CompactOffsetFormats =
    {
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:sszzz",
    };

    /// <summary>The UTC time of <paramref name="text"/>; null for anything that is not a time.</summary>
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text!.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)) return FromEpochMilliseconds(ms);
        // No zone means UTC here, never the local time of the machine that reads it.
        const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Utc, out var parsed)) return parsed;
        // "+0000" (no colon), as Java's SimpleDateFormat writes it.
        if (text.Length > 5 && (text[text.Length - 5] == '+' || text[text.Length - 5] == '-'))
        {
            var withColon = text.Substring(0, text.Length - 2) + ":" + text.Substring(text.Length - 2);
            if (DateTimeOffset.TryParseExact(withColon, CompactOffsetFormats, CultureInfo.InvariantCulture, Utc, out parsed)) return parsed;
        }
        return null;
    }

    /// <summary>Epoch milliseconds within the years 1 to 9999, else null.</summary>
    public static DateTimeOffset? FromEpochMilliseconds(long ms) =>
        ms > -62135596800000L && ms < 253402300799999L ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}

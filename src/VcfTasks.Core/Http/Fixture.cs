using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VcfTasks.Core.Http;

/// <summary>
/// A file of recorded exchanges that a replayed connection answers from (see README, "Fixtures").
/// Requests are matched by method, path and query (order-insensitive); no header, token or request body is stored.
/// </summary>
internal sealed class Fixture
{
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("exchanges")] public List<FixtureExchange> Exchanges { get; set; } = new();
}

internal sealed class FixtureExchange
{
    [JsonPropertyName("request")] public FixtureRequest Request { get; set; } = new();
    [JsonPropertyName("response")] public FixtureResponse Response { get; set; } = new();
}

internal sealed class FixtureRequest
{
    [JsonPropertyName("method")] public string Method { get; set; } = "GET";
    [JsonPropertyName("path")] public string Path { get; set; } = "/";
    [JsonPropertyName("query")] public Dictionary<string, string>? Query { get; set; }
}

internal sealed class FixtureResponse
{
    [JsonPropertyName("status")] public int Status { get; set; } = 200;
    [JsonPropertyName("headers")] public Dictionary<string, string>? Headers { get; set; }
    /// <summary>A JSON body, written as JSON.</summary>
    [JsonPropertyName("body")] public JsonElement? Body { get; set; }
    /// <summary>A body kept exactly as text (not JSON, or where bytes matter).</summary>
    [JsonPropertyName("bodyText")] public string? BodyText { get; set; }
    /// <summary>A body in a file beside the fixture, sent byte for byte.</summary>
    [JsonPropertyName("bodyFile")] public string? BodyFile { get; set; }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Json;

namespace VcfTasks.Core.Http;

/// <summary>
/// Writes every exchange of a connection to a fixture file that <see cref="ReplayHandler"/> can answer from.
/// Only method, path, query, status, content type and the response body are kept; the request body and all
/// request headers (Authorization among them) are never written, and tokens and passwords in response bodies
/// are replaced. The file is rewritten after each exchange, so it is complete even if the session ends abruptly.
/// </summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    internal const string RedactedAccessToken = "REDACTED-ACCESS-TOKEN";
    internal const string RedactedRefreshToken = "REDACTED-REFRESH-TOKEN";

    private readonly string _path;
    private readonly Fixture _fixture;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public RecordingHandler(string path, HttpMessageHandler inner) : base(inner)
    {
        _path = Path.GetFullPath(path);
        _fixture = new Fixture { Description = $"Recorded by VcfTasks on {DateTimeOffset.UtcNow:yyyy-MM-dd}." };
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var bytes = await BufferAsync(response, cancellationToken).ConfigureAwait(false);
        var uri = request.RequestUri!;
        var query = RequestKey.ParseQuery(uri.Query);
        var exchange = new FixtureExchange
        {
            Request = new FixtureRequest
            {
                Method = request.Method.Method,
                Path = Uri.UnescapeDataString(uri.AbsolutePath),
                Query = query.Count == 0 ? null : query.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value),
            },
            Response = ToFixtureResponse(uri.AbsolutePath, response, bytes),
        };
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _fixture.Exchanges.Add(exchange);
            var tmp = _path + ".tmp";
            using (var stream = File.Create(tmp))
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                JsonSerializer.Serialize(writer, _fixture, VcfJsonContext.Default.Fixture);
            }
            if (File.Exists(_path)) File.Delete(_path);
            File.Move(tmp, _path);
        }
        finally
        {
            _gate.Release();
        }
        return response;
    }

    // Reads the body (observing cancellation, unlike LoadIntoBufferAsync) and puts it back as a buffered content.
    private static async Task<byte[]> BufferAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var original = response.Content;
        using var copy = new MemoryStream();
        using (var stream = await original.ReadAsStreamAsync().ConfigureAwait(false))
            await stream.CopyToAsync(copy, 81920, ct).ConfigureAwait(false);
        var bytes = copy.ToArray();
        var buffered = new ByteArrayContent(bytes);
        foreach (var header in original.Headers)
        {
            if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = buffered;
        original.Dispose();
        return bytes;
    }

    private static FixtureResponse ToFixtureResponse(string path, HttpResponseMessage response, byte[] bytes)
    {
        var result = new FixtureResponse { Status = (int)response.StatusCode };
        var headers = new Dictionary<string, string>();
        if (response.Content.Headers.ContentType is { } type) headers["Content-Type"] = type.ToString();
        if (response.Headers.RetryAfter is { } retryAfter) headers["Retry-After"] = retryAfter.ToString();
        result.Headers = headers.Count == 0 ? null : headers;
        if (bytes.Length == 0) return result;

        var text = Encoding.UTF8.GetString(bytes);
        if (path.StartsWith("/v1/tokens", StringComparison.OrdinalIgnoreCase) && response.IsSuccessStatusCode)
        {
            // The token endpoints' answers are the secrets themselves: keep only their shape, so a replay works.
            var shape = path.EndsWith("/refresh", StringComparison.OrdinalIgnoreCase)
                ? "\"" + RedactedAccessToken + "\""
                : "{\"accessToken\":\"" + RedactedAccessToken + "\",\"refreshToken\":{\"id\":\"" + RedactedRefreshToken + "\"}}";
            using var placeholder = JsonDocument.Parse(shape);
            result.Body = placeholder.RootElement.Clone();
            return result;
        }
        try
        {
            using var doc = JsonDocument.Parse(text);
            var buffer = new System.IO.MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
                Redactor.WriteRedacted(writer, doc.RootElement);
            using var redacted = JsonDocument.Parse(buffer.ToArray());
            result.Body = redacted.RootElement.Clone();
        }
        catch (JsonException)
        {
            result.BodyText = Redactor.Redact(text);
        }
        return result;
    }
}

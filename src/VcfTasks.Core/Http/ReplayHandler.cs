using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Json;

namespace VcfTasks.Core.Http;

/// <summary>
/// Answers requests from a fixture file instead of the network. Repeated requests get the recorded answers in
/// order, so a flow (GET failed → PATCH → GET in progress → GET successful) replays. When a GET's answers run
/// out, the last one repeats (a finished task stays finished); a PATCH, DELETE or POST never repeats, so a
/// duplicated state change fails the run. A request the file does not hold fails loudly and names it.
/// </summary>
internal sealed class ReplayHandler : HttpMessageHandler
{
    private readonly string _path;
    private readonly Dictionary<string, Queue<FixtureResponse>> _answers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FixtureResponse> _last = new(StringComparer.Ordinal);
    private readonly string _directory;
    private readonly object _gate = new();
    private readonly List<string> _served = new();
    private readonly Dictionary<FixtureResponse, byte[]> _bodies = new();

    /// <summary>Every request answered so far, as "METHOD /path?sorted-query", in order: what reached the 'server'.</summary>
    public IReadOnlyList<string> Served
    {
        get { lock (_gate) return _served.ToArray(); }
    }

    public ReplayHandler(string fixturePath)
    {
        _path = fixturePath;
        _directory = Path.GetDirectoryName(Path.GetFullPath(fixturePath)) ?? ".";
        Fixture fixture;
        try
        {
            var bytes = File.ReadAllBytes(fixturePath);
            fixture = JsonSerializer.Deserialize(bytes, VcfJsonContext.Default.Fixture)
                      ?? throw new InvalidDataException("the file holds null");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidDataException)
        {
            throw new VcfException(VcfErrorKind.FixtureInvalid, $"Cannot read the fixture file '{fixturePath}': {e.Message}", e);
        }
        if (fixture.Exchanges is null) throw Invalid(fixturePath, "it has no \"exchanges\" array");
        int index = 0;
        foreach (var exchange in fixture.Exchanges)
        {
            var where = $"exchange {index++}";
            if (exchange?.Request is not { Method: { Length: > 0 }, Path: { Length: > 0 } } request)
                throw Invalid(fixturePath, $"{where} has no request method and path");
            if (exchange.Response is null) throw Invalid(fixturePath, $"{where} has no response");
            // Read body files now, so a missing one is a bad fixture at connect time, not a network error later.
            _bodies[exchange.Response] = LoadBody(fixturePath, where, exchange.Response);
            var key = RequestKey.Of(request.Method, request.Path, request.Query);
            if (!_answers.TryGetValue(key, out var queue)) _answers[key] = queue = new Queue<FixtureResponse>();
            queue.Enqueue(exchange.Response);
        }
    }

    private static VcfException Invalid(string path, string why) =>
        new(VcfErrorKind.FixtureInvalid, $"The fixture file '{path}' is not valid: {why}.");

    private byte[] LoadBody(string fixturePath, string where, FixtureResponse answer)
    {
        if (answer.BodyFile is not null)
        {
            try
            {
                return File.ReadAllBytes(Path.Combine(_directory, answer.BodyFile));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw Invalid(fixturePath, $"{where}: cannot read bodyFile '{answer.BodyFile}' ({e.Message})");
            }
        }
        if (answer.BodyText is not null) return Encoding.UTF8.GetBytes(answer.BodyText);
        if (answer.Body is { } json) return JsonSerializer.SerializeToUtf8Bytes(json, VcfJsonContext.Default.JsonElement);
        return Array.Empty<byte>();
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = RequestKey.Of(request);
        FixtureResponse? answer;
        bool usedUp;
        lock (_gate)
        {
            if (_answers.TryGetValue(key, out var queue) && queue.Count > 0)
            {
                answer = queue.Dequeue();
                _last[key] = answer;
            }
            else if (request.Method == HttpMethod.Get && _last.TryGetValue(key, out var last))
            {
                answer = last;
            }
            else
            {
                answer = null;
            }
            if (answer is not null) _served.Add(key);
            usedUp = _last.ContainsKey(key);
        }
        if (answer is null)
        {
            var known = string.Join("; ", _answers.Keys.Take(12));
            var why = usedUp ? "its recorded answers are used up" : "it has no such request";
            throw new VcfException(VcfErrorKind.FixtureRequestUnmatched,
                $"The fixture '{_path}' cannot answer {key}: {why}. It holds: {known}");
        }
        return Task.FromResult(ToResponse(answer, request));
    }

    private HttpResponseMessage ToResponse(FixtureResponse answer, HttpRequestMessage request)
    {
        var body = _bodies[answer];

        var response = new HttpResponseMessage((HttpStatusCode)answer.Status)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(body),
        };
        bool typed = false;
        if (answer.Headers is not null)
        {
            foreach (var header in answer.Headers)
            {
                if (header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(header.Value);
                    typed = true;
                }
                else if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) &&
                         !response.Headers.TryAddWithoutValidation(header.Key, header.Value))
                {
                    response.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
        }
        if (!typed && body.Length > 0) response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return response;
    }
}

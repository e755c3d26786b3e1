using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks.Core.Tests.Support;

/// <summary>One request as it reached the fake network.</summary>
internal sealed record SeenRequest(string Method, string Path, string Query, string? Authorization, string? Body)
{
    /// <summary>"METHOD /path?query", as sent (query not re-ordered).</summary>
    public string Line => Method + " " + Path + Query;

    /// <summary>The bearer token sent, or null.</summary>
    public string? BearerToken =>
        Authorization is not null && Authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? Authorization.Substring(7) : null;

    /// <summary>The query pairs, unescaped.</summary>
    public Dictionary<string, string> QueryPairs =>
        Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty);
}

/// <summary>
/// Stands for the network: a function of request to response (or exception), recording every request's
/// method, path, query, Authorization header and body. Thread-safe.
/// </summary>
internal sealed class FakeTransport : HttpMessageHandler
{
    private readonly Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>> _respond;
    private readonly object _gate = new();
    private readonly List<SeenRequest> _requests = new();

    public FakeTransport(Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>> respond) => _respond = respond;

    public FakeTransport(Func<SeenRequest, HttpResponseMessage> respond) : this((r, _) => Task.FromResult(respond(r)))
    {
    }

    public IReadOnlyList<SeenRequest> Requests
    {
        get { lock (_gate) return _requests.ToArray(); }
    }

    public int Count(string method, string path) => Requests.Count(r => r.Method == method && r.Path == path);

    public int Count(string method) => Requests.Count(r => r.Method == method);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A real handler sends nothing once the call is cancelled.
        cancellationToken.ThrowIfCancellationRequested();
        var uri = request.RequestUri!;
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var seen = new SeenRequest(request.Method.Method, uri.AbsolutePath, uri.Query, request.Headers.Authorization?.ToString(), body);
        lock (_gate) _requests.Add(seen);
        var response = await _respond(seen, cancellationToken);
        response.RequestMessage ??= request;
        return response;
    }
}

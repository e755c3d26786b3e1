using System;
using System.IO;
using System.Net.Http.Headers;

namespace VcfTasks.Core.Http;

/// <summary>
/// What a server answered to one request, as <see cref="Transport"/> hands it back: the status, the headers and
/// the body as it came. It says nothing about what the answer means to an operation; <see cref="ErrorMapper"/>
/// does that.
/// </summary>
internal sealed class HttpAnswer
{
    private readonly byte[] _body;
    private readonly int _length;

    public HttpAnswer(int status, string? reasonPhrase, HttpResponseHeaders? headers, string? mediaType, byte[] body, int length)
    {
        Status = status;
        ReasonPhrase = reasonPhrase;
        Headers = headers;
        MediaType = mediaType;
        _body = body;
        _length = length;
    }

    /// <summary>The HTTP status code.</summary>
    public int Status { get; }

    /// <summary>The status line's text, e.g. "Bad Gateway".</summary>
    public string? ReasonPhrase { get; }

    /// <summary>The response headers (Retry-After and the like), when there was a response.</summary>
    public HttpResponseHeaders? Headers { get; }

    /// <summary>The body's media type, e.g. application/json.</summary>
    public string? MediaType { get; }

    /// <summary>2xx.</summary>
    public bool IsSuccess => Status is >= 200 and <= 299;

    /// <summary>Bytes of body kept.</summary>
    public int BodyLength => _length;

    /// <summary>The body as it came (a new read-only stream on each call).</summary>
    public Stream OpenBody() => new MemoryStream(_body, 0, _length, writable: false);

    /// <summary>The first <paramref name="max"/> bytes of the body as text, for quoting a body that is not what was expected.</summary>
    public string Head(int max) => System.Text.Encoding.UTF8.GetString(_body, 0, Math.Min(max, _length));
}

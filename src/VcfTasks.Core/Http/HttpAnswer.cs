using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net.Http.Headers;

namespace VcfTasks.Core.Http;

/// <summary>
/// What a server answered to one request, as <see cref="Transport"/> hands it back: the status, the headers and
/// the body as it came. It says nothing about what the answer means to an operation; <see cref="ErrorMapper"/>
/// does that. The body is held in pooled chunks (no large-object-heap arrays, none grown by copying), so a listing
/// costs a page's bytes per page in flight; dispose the answer once it is read.
/// </summary>
internal sealed class HttpAnswer : IDisposable
{
    /// <summary>The size of a body chunk: under the large object heap's threshold.</summary>
    internal const int ChunkSize = 16 * 1024;

    private readonly List<byte[]> _chunks;

    public HttpAnswer(int status, string? reasonPhrase, HttpResponseHeaders? headers, string? mediaType, List<byte[]> chunks, int length)
    {
        Status = status;
        ReasonPhrase = reasonPhrase;
        Headers = headers;
        MediaType = mediaType;
        _chunks = chunks;
        BodyLength = length;
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
    public int BodyLength { get; }

    /// <summary>The body as it came (a new read-only stream on each call).</summary>
    public Stream OpenBody() => new ChunkReader(_chunks, BodyLength);

    /// <summary>The first <paramref name="max"/> bytes of the body as text, for quoting a body that is not what was expected.</summary>
    public string Head(int max)
    {
        var bytes = new byte[Math.Min(max, BodyLength)];
        using var body = OpenBody();
        int read, at = 0;
        while (at < bytes.Length && (read = body.Read(bytes, at, bytes.Length - at)) > 0) at += read;
        return System.Text.Encoding.UTF8.GetString(bytes, 0, at);
    }

    /// <summary>Gives the body's chunks back to the pool.</summary>
    public void Dispose()
    {
        foreach (var chunk in _chunks) ArrayPool<byte>.Shared.Return(chunk);
        _chunks.Clear();
    }

    /// <summary>A read-only stream over the chunks: chunk i holds bytes i × <see cref="ChunkSize"/> onwards.</summary>
    private sealed class ChunkReader : Stream
    {
        private readonly List<byte[]> _chunks;
        private readonly int _length;
        private int _position;

        public ChunkReader(List<byte[]> chunks, int length)
        {
            _chunks = chunks;
            _length = length;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int left = Math.Min(count, _length - _position);
            if (left <= 0) return 0;
            int copied = 0;
            while (copied < left)
            {
                int chunk = _position / ChunkSize, at = _position % ChunkSize;
                int n = Math.Min(left - copied, ChunkSize - at);
                Buffer.BlockCopy(_chunks[chunk], at, buffer, offset + copied, n);
                copied += n;
                _position += n;
            }
            return copied;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

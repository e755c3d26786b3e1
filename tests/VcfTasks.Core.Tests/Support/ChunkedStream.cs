using System;
using System.IO;

namespace VcfTasks.Core.Tests.Support;

/// <summary>
/// A body that arrives at most <c>chunk</c> bytes a read, as a slow network delivers it; with <c>resetAt</c>, the
/// connection is reset (an <see cref="IOException"/>) once that many bytes have arrived.
/// </summary>
internal sealed class ChunkedStream : Stream
{
    private readonly byte[] _data;
    private readonly int _chunk;
    private readonly int _end;
    private int _position;

    public ChunkedStream(byte[] data, int chunk, int? resetAt = null)
    {
        _data = data;
        _chunk = Math.Max(1, chunk);
        _end = resetAt ?? -1;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_end >= 0 && _position >= _end) throw new IOException("The connection was reset mid-body.");
        int limit = _end >= 0 ? _end : _data.Length;
        int n = Math.Min(Math.Min(count, _chunk), limit - _position);
        Array.Copy(_data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks.Core.Http;

/// <summary>
/// A read-only pass-through stream that remembers the first bytes it passed on, so that a body which turns out
/// not to be JSON can be quoted in the error without buffering every good body.
/// </summary>
internal sealed class PeekStream : Stream
{
    private const int Keep = 512;
    private readonly Stream _inner;
    private readonly byte[] _head = new byte[Keep];
    private int _headLength;

    public PeekStream(Stream inner) => _inner = inner;

    /// <summary>The first bytes read, as text.</summary>
    public string Head => Encoding.UTF8.GetString(_head, 0, _headLength);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Remember(buffer, offset, _inner.Read(buffer, offset, count));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => Remember(buffer, offset, await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

    private int Remember(byte[] buffer, int offset, int read)
    {
        if (_headLength < Keep && read > 0)
        {
            int n = Math.Min(Keep - _headLength, read);
            Buffer.BlockCopy(buffer, offset, _head, _headLength, n);
            _headLength += n;
        }
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using VcfTasks.Simulator.Faults;

namespace VcfTasks.Simulator.Hosting;

/// <summary>
/// A minimal HTTPS forward proxy (HTTP CONNECT) on 127.0.0.1, so that clients' proxy support can be tested:
/// each tunnel it opens is written to the request log as method CONNECT and path host:port. It tunnels to
/// loopback addresses only (403 otherwise), never anywhere else.
/// </summary>
internal sealed class ConnectProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly RequestLog _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public ConnectProxy(RequestLog log)
    {
        _log = log;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => TunnelAsync(client));
        }
    }

    private async Task TunnelAsync(TcpClient client)
    {
        using (client)
        {
            var seq = _log.NextSeq();
            var stream = client.GetStream();
            try
            {
                var head = await ReadHeadAsync(stream);
                var parts = head.Split(' ', 3);
                if (parts.Length < 2 || !parts[0].Equals("CONNECT", StringComparison.OrdinalIgnoreCase))
                {
                    await ReplyAsync(stream, "405 Method Not Allowed");
                    _log.Add(Record(seq, parts.Length > 0 ? parts[0] : "?", parts.Length > 1 ? parts[1] : "", 405));
                    return;
                }
                var target = parts[1];
                var colon = target.LastIndexOf(':');
                var host = colon > 0 ? target[..colon].Trim('[', ']') : target;
                if (colon < 0 || !int.TryParse(target[(colon + 1)..], out var port) || !IsLoopback(host))
                {
                    await ReplyAsync(stream, "403 Forbidden");
                    _log.Add(Record(seq, "CONNECT", target, 403));
                    return;
                }
                using var upstream = new TcpClient();
                await upstream.ConnectAsync(IPAddress.Loopback, port, _stop.Token);
                await ReplyAsync(stream, "200 Connection Established");
                _log.Add(Record(seq, "CONNECT", target, 200));
                var up = upstream.GetStream();
                await Task.WhenAny(stream.CopyToAsync(up, _stop.Token), up.CopyToAsync(stream, _stop.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A tunnel ends when either side closes; nothing to report.
            }
        }
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    private static RequestRecord Record(long seq, string method, string target, int status) =>
        new(seq, DateTimeOffset.UtcNow.ToString("O"), method, target, "", status, null);

    // Reads the request line and headers up to the blank line; returns the request line.
    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var bytes = new List<byte>(256);
        var one = new byte[1];
        while (bytes.Count < 16 * 1024 && await stream.ReadAsync(one) == 1)
        {
            bytes.Add(one[0]);
            int n = bytes.Count;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') break;
        }
        var text = Encoding.ASCII.GetString(bytes.ToArray());
        var end = text.IndexOf("\r\n", StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    private static Task ReplyAsync(NetworkStream stream, string status) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\n\r\n")).AsTask();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _accepting; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}

using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Course.Infrastructure.ZooKeeper;

namespace Course.Infrastructure.Tests.ZooKeeper;

/// <summary>
/// Failures that a healthy server will not produce on demand: nothing listening, a server that never answers,
/// a connection dropped mid-request. A tiny fake server on 127.0.0.1 plays the bad server; no real ZooKeeper needed.
/// </summary>
public sealed class ZooKeeperFailureTests
{
    [Fact]
    public async Task Connecting_to_a_closed_port_fails_fast_with_a_clear_message()
    {
        var port = FreePort();
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<ZooKeeperException>(() => ZooKeeperClient.ConnectAsync($"127.0.0.1:{port}"));

        // A refusal is an answer: it must not wait out the 10 s request timeout (the margin is for a loaded machine).
        Assert.True(clock.Elapsed < ZooKeeperClient.DefaultRequestTimeout / 2, $"took {clock.Elapsed}");
        Assert.Equal(ZooKeeperErrorCode.ConnectionLoss, ex.Code);
        Assert.Contains($"127.0.0.1:{port}", ex.Message);
        Assert.Contains("ConnectionRefused", ex.Message);
    }

    [Fact]
    public async Task A_server_that_never_answers_the_handshake_times_out()
    {
        await using var fake = new FakeServer(answerHandshake: false);
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<ZooKeeperException>(() =>
            ZooKeeperClient.ConnectAsync(fake.Address, requestTimeout: TimeSpan.FromMilliseconds(500)));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(30));   // not early; the upper bound only says it ended
        Assert.Equal(ZooKeeperErrorCode.ConnectionLoss, ex.Code);
        Assert.Contains("no answer within 0.5 s", ex.Message);
    }

    [Fact]
    public async Task The_handshake_and_a_request_are_encoded_as_Jute_records_and_an_unanswered_request_times_out()
    {
        await using var fake = new FakeServer(answerHandshake: true);
        // The request timeout also bounds the handshake: 2 s, not 0.5 s, so a loaded CI machine that is slow to schedule the
        // fake server's answer does not fail the handshake this test needs to succeed (seen once in a full CI run).
        await using var zk = await ZooKeeperClient.ConnectAsync(fake.Address, TimeSpan.FromSeconds(6), requestTimeout: TimeSpan.FromSeconds(2));

        // ConnectRequest: protocolVersion, lastZxidSeen, timeOut, sessionId, passwd (16 zero bytes), readOnly.
        var connect = await fake.NextFrameAsync();
        Assert.Equal(
            [.. Int(0), .. Long(0), .. Int(6000), .. Long(0), .. Int(16), .. new byte[16], 0],
            connect);
        Assert.Equal(0x1234L, zk.SessionId);
        Assert.Equal(TimeSpan.FromSeconds(6), zk.SessionTimeout);

        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<ZooKeeperException>(() => zk.GetDataAsync("/x", watch: true));

        // Not before the timeout (the upper bound only says it came back at all).
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(30));
        Assert.Equal(ZooKeeperErrorCode.RequestTimeout, ex.Code);
        Assert.Equal("/x", ex.Path);
        // RequestHeader (xid 1, getData = 4), then GetDataRequest (path, watch).
        Assert.Equal([.. Int(1), .. Int(4), .. Int(2), (byte)'/', (byte)'x', 1], await fake.NextFrameAsync());
    }

    [Fact]
    public async Task A_dropped_connection_fails_pending_requests_and_ends_the_event_stream()
    {
        await using var fake = new FakeServer(answerHandshake: true, dropOnFirstRequest: true);
        var events = new List<WatchedEvent>();
        await using var zk = await ZooKeeperClient.ConnectAsync(fake.Address, watcher: events.Add);

        var ex = await Assert.ThrowsAsync<ZooKeeperException>(() => zk.CreateAsync("/a", null));

        Assert.Equal(ZooKeeperErrorCode.ConnectionLoss, ex.Code);
        Assert.Equal("/a", ex.Path);
        Assert.Contains("closed the connection", ex.Message);
        Assert.Equal(new WatchedEvent(EventType.None, KeeperState.Disconnected, null), await zk.NextAsync("Disconnected"));
        Assert.False(await zk.Events.WaitToReadAsync());
        Assert.Equal([new WatchedEvent(EventType.None, KeeperState.Disconnected, null)], events);
        Assert.False(zk.IsConnected);
        var later = await Assert.ThrowsAsync<ZooKeeperException>(() => zk.ExistsAsync("/b"));
        Assert.Equal(ZooKeeperErrorCode.ConnectionLoss, later.Code);
        Assert.Equal("/b", later.Path);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static byte[] Int(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] Long(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>Accepts one client, records the frames it sends (pings left out), and answers at most the handshake.</summary>
    private sealed class FakeServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly System.Threading.Channels.Channel<byte[]> _frames = System.Threading.Channels.Channel.CreateUnbounded<byte[]>();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _serving;

        public FakeServer(bool answerHandshake, bool dropOnFirstRequest = false)
        {
            _listener.Start();
            Address = $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
            _serving = ServeAsync(answerHandshake, dropOnFirstRequest);
        }

        public string Address { get; }

        public async Task<byte[]> NextFrameAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            return await _frames.Reader.ReadAsync(timeout.Token);
        }

        private async Task ServeAsync(bool answerHandshake, bool dropOnFirstRequest)
        {
            try
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                var connect = await ReadFrameAsync(stream);
                _frames.Writer.TryWrite(connect);
                if (!answerHandshake)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                    return;
                }
                // ConnectResponse: protocolVersion, timeOut (echo the request's), sessionId, passwd, readOnly.
                byte[] response = [.. Int(0), .. connect.AsSpan(12, 4), .. Long(0x1234), .. Int(16), .. new byte[16], 0];
                byte[] frame = [.. Int(response.Length), .. response];
                await stream.WriteAsync(frame, _stop.Token);
                while (true)
                {
                    var request = await ReadFrameAsync(stream);
                    if (BinaryPrimitives.ReadInt32BigEndian(request) == -2) continue; // a ping
                    _frames.Writer.TryWrite(request);
                    if (dropOnFirstRequest) return; // disposing the client closes the socket
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
            }
        }

        private async Task<byte[]> ReadFrameAsync(NetworkStream stream)
        {
            var length = new byte[4];
            await stream.ReadExactlyAsync(length, _stop.Token);
            var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(length)];
            await stream.ReadExactlyAsync(frame, _stop.Token);
            return frame;
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            await _serving;
            _stop.Dispose();
        }
    }
}

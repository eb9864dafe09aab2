using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;
using Course.Simulation;

namespace Course.Distributed.Transport;

/// <summary>
/// The outgoing half of a connection to one peer: a bounded queue of encoded messages and a task that keeps a
/// TCP connection open, reconnecting with bounded exponential backoff. While the peer is unreachable its
/// messages are dropped rather than hoarded, so a node that comes back is not flooded with stale heartbeats.
/// </summary>
internal sealed class PeerLink
{
    private const int MaxBatch = 256;
    private readonly NodeId _self;
    private readonly NodeId _peer;
    private readonly PeerDirectory _directory;
    private readonly NodeHostOptions _options;
    private readonly TransportStats _stats;
    private readonly EventLog _events;
    private readonly Channel<(byte[] Payload, string Kind)> _queue;
    private Socket? _socket;

    public PeerLink(NodeId self, NodeId peer, PeerDirectory directory, NodeHostOptions options, TransportStats stats, EventLog events)
    {
        (_self, _peer, _directory, _options, _stats, _events) = (self, peer, directory, options, stats, events);
        _queue = Channel.CreateBounded<(byte[], string)>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait, // so TryWrite reports a full queue and we can count the drop
        });
    }

    public bool IsConnected => Volatile.Read(ref _socket) is not null;

    /// <summary>Queues a message; never blocks the node's thread.</summary>
    public void Enqueue(byte[] payload, string kind)
    {
        if (!_queue.Writer.TryWrite((payload, kind))) _stats.OnDropped();
    }

    /// <summary>Closes the connection at once (the host is being killed); <see cref="RunAsync"/> then ends on its token.</summary>
    public void Abort()
    {
        _queue.Writer.TryComplete();
        Interlocked.Exchange(ref _socket, null)?.Dispose();
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        var backoff = _options.ReconnectMin;
        var wasConnected = false;
        while (!stopping.IsCancellationRequested)
        {
            var socket = await TryConnectAsync(stopping).ConfigureAwait(false);
            if (socket is null)
            {
                DropQueued();
                try { await Task.Delay(backoff, stopping).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.ReconnectMax.Ticks));
                continue;
            }
            backoff = _options.ReconnectMin;
            _stats.OnConnected();
            if (!wasConnected) _events.Record(_self, "link", $"connected to {_peer}");
            wasConnected = true;
            Volatile.Write(ref _socket, socket);
            try
            {
                await PumpAsync(socket, stopping).ConfigureAwait(false);
                return; // the queue was completed: the host is stopping
            }
            catch (Exception) when (!stopping.IsCancellationRequested)
            {
                _events.Record(_self, "link", $"lost {_peer}");
                wasConnected = false;
            }
            catch (Exception) { return; }
            finally
            {
                Interlocked.CompareExchange(ref _socket, null, socket);
                socket.Dispose();
            }
        }
    }

    private async Task<Socket?> TryConnectAsync(CancellationToken stopping)
    {
        if (_directory.Resolve(_peer) is not { } endPoint) return null;
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
            var hello = new ArrayBufferWriter<byte>();
            Frames.Write(hello, Frames.Hello(_self));
            await socket.SendAsync(hello.WrittenMemory, SocketFlags.None, timeout.Token).ConfigureAwait(false);
            return socket;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Dispose();
            return null;
        }
    }

    /// <summary>Writes queued messages, batching whatever is waiting into one send (fewer syscalls under load).</summary>
    private async Task PumpAsync(Socket socket, CancellationToken stopping)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        var kinds = new List<(string Kind, int Bytes)>(MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(stopping).ConfigureAwait(false))
        {
            buffer.Clear();
            kinds.Clear();
            while (kinds.Count < MaxBatch && reader.TryRead(out var message))
            {
                Frames.Write(buffer, message.Payload);
                kinds.Add((message.Kind, message.Payload.Length + Frames.HeaderBytes));
            }
            try
            {
                var memory = buffer.WrittenMemory;
                while (!memory.IsEmpty)
                {
                    var sent = await socket.SendAsync(memory, SocketFlags.None, stopping).ConfigureAwait(false);
                    memory = memory[sent..];
                }
            }
            catch
            {
                foreach (var _ in kinds) _stats.OnDropped();
                throw;
            }
            foreach (var (kind, bytes) in kinds) _stats.OnSent(kind, bytes);
        }
    }

    private void DropQueued()
    {
        while (_queue.Reader.TryRead(out _)) _stats.OnDropped();
    }
}

using System.Net.Sockets;
using Course.Simulation;

namespace Course.Distributed.Transport;

public sealed partial class NodeHost<TMessage>
{
    private async Task AcceptLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await _listener.AcceptSocketAsync(stopping).ConfigureAwait(false); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            socket.NoDelay = true;
            _accepted.TryAdd(socket, 0);
            if (stopping.IsCancellationRequested) socket.Dispose(); // raced with the stop: it has already closed the others
            else Track(ReceiveLoopAsync(socket, stopping));
        }
    }

    /// <summary>
    /// Reads one incoming connection: a hello naming the peer, then frames, each decoded and handed to the
    /// node's thread. A frame that does not decode closes the connection (the peer reconnects) but never
    /// reaches the node.
    /// </summary>
    private async Task ReceiveLoopAsync(Socket socket, CancellationToken stopping)
    {
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var hello = await Frames.ReadAsync(stream, stopping).ConfigureAwait(false);
            if (hello is null) return;
            var from = Frames.ParseHello(hello);
            if (from == Id || !_links.ContainsKey(from))
                throw new InvalidDataException($"{from} is not a peer of {Id}.");
            while (await Frames.ReadAsync(stream, stopping).ConfigureAwait(false) is { } payload)
            {
                var message = _codec.Decode(payload);
                Stats.OnReceived(payload.Length + Frames.HeaderBytes);
                if (!TryPost(new Work(from, message, null))) Stats.OnDropped();
            }
        }
        catch (InvalidDataException e) when (!stopping.IsCancellationRequested)
        {
            _events.Record(Id, "link", $"refused a connection: {e.Message}");
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            _accepted.TryRemove(socket, out _);
            socket.Dispose();
        }
    }
}

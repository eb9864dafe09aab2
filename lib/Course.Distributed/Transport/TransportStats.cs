using System.Collections.Concurrent;

namespace Course.Distributed.Transport;

/// <summary>
/// What one node's transport carried, updated from its I/O tasks (hence the interlocked counters). A restarted
/// node keeps counting into the same instance, so the numbers cover the node's whole life in the cluster.
/// </summary>
public sealed class TransportStats
{
    private long _sent, _received, _bytesSent, _bytesReceived, _dropped, _connects;
    private readonly ConcurrentDictionary<string, long> _sentOfKind = new(StringComparer.Ordinal);

    /// <summary>Messages written to a connection.</summary>
    public long Sent => Interlocked.Read(ref _sent);
    public long Received => Interlocked.Read(ref _received);
    public long BytesSent => Interlocked.Read(ref _bytesSent);
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>Messages lost because the peer was unreachable or its queue was full (the network "dropped" them).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Outgoing connections established (reconnects included).</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Messages sent of one type, by name (e.g. "AppendEntries").</summary>
    public long SentOfKind(string kind) => _sentOfKind.GetValueOrDefault(kind);

    public IReadOnlyDictionary<string, long> SentByKind => new SortedDictionary<string, long>(_sentOfKind, StringComparer.Ordinal);

    internal void OnSent(string kind, int bytes)
    {
        Interlocked.Increment(ref _sent);
        Interlocked.Add(ref _bytesSent, bytes);
        _sentOfKind.AddOrUpdate(kind, 1, static (_, n) => n + 1);
    }

    internal void OnReceived(int bytes)
    {
        Interlocked.Increment(ref _received);
        Interlocked.Add(ref _bytesReceived, bytes);
    }

    internal void OnDropped() => Interlocked.Increment(ref _dropped);
    internal void OnConnected() => Interlocked.Increment(ref _connects);

    public override string ToString() =>
        $"sent {Sent} ({BytesSent:N0} bytes), received {Received} ({BytesReceived:N0} bytes), dropped {Dropped}, connects {Connects}";
}

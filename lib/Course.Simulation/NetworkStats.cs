namespace Course.Simulation;

/// <summary>Counters of what the network carried, in total and per sending node.</summary>
public sealed class NetworkStats
{
    private readonly Dictionary<NodeId, long> _sentBy = [];
    private readonly Dictionary<string, long> _sentOfKind = new(StringComparer.Ordinal);

    public long Sent { get; private set; }
    public long Delivered { get; private set; }
    public long Dropped { get; private set; }
    public long Duplicated { get; private set; }
    public long BytesSent { get; private set; }

    public long SentBy(NodeId node) => _sentBy.GetValueOrDefault(node);

    /// <summary>Messages sent of one type, by its name (e.g. "AppendEntries").</summary>
    public long SentOfKind(string kind) => _sentOfKind.GetValueOrDefault(kind);

    internal void OnSend(NodeId from, string kind, int bytes)
    {
        _sentOfKind[kind] = _sentOfKind.GetValueOrDefault(kind) + 1;
        Sent++;
        BytesSent += bytes;
        _sentBy[from] = _sentBy.GetValueOrDefault(from) + 1;
    }

    internal void OnDeliver() => Delivered++;
    internal void OnDrop() => Dropped++;
    internal void OnDuplicate() => Duplicated++;

    public override string ToString() =>
        $"sent {Sent} ({BytesSent:N0} bytes), delivered {Delivered}, dropped {Dropped}, duplicated {Duplicated}";
}

using Course.Simulation;

namespace Course.Distributed.Dht;

/// <summary>
/// A Kademlia node (Maymounkov &amp; Mazières, IPTPS 2002) as a sans-I/O state machine: k-buckets over the XOR
/// metric, a local key/value store, and iterative lookups with α parallel RPCs per round (§2.3). Ticks only
/// time out RPCs; there is no periodic maintenance — the routing table is refreshed by the lookup traffic itself.
/// </summary>
public sealed partial class KademliaNode : INode<KademliaMessage>
{
    private readonly KademliaOptions _options;
    private readonly ulong _id;
    private readonly Action<KademliaLookupResult>? _onLookup;
    private readonly Dictionary<ulong, string> _store = [];
    private INodeContext<KademliaMessage> _context = null!;
    private long _tick;

    public KademliaNode(ulong id, KademliaOptions? options = null, Action<KademliaLookupResult>? onLookup = null)
    {
        _options = options ?? new KademliaOptions();
        _id = id;
        _onLookup = onLookup;
        Table = new KBuckets(id, _options.K);
    }

    public KademliaContact Self => new(_context.Self, _id);
    public KBuckets Table { get; }
    public IReadOnlyDictionary<ulong, string> Stored => _store;

    public void Start(INodeContext<KademliaMessage> context) => _context = context;

    public void Tick()
    {
        _tick++;
        CheckTimeouts();
    }

    public void Receive(NodeId from, KademliaMessage message)
    {
        if (from != _context.Self) Table.Observe(new KademliaContact(from, message.SenderId));
        switch (message)
        {
            case KademliaMessage.FindNode m:
                _context.Send(from, new KademliaMessage.Nodes(_id, m.LookupId, Table.Closest(m.Target, _options.K)));
                break;
            case KademliaMessage.FindValue m:
                _context.Send(from, _store.TryGetValue(m.Key, out var value)
                    ? new KademliaMessage.Value(_id, m.LookupId, value)
                    : new KademliaMessage.Nodes(_id, m.LookupId, Table.Closest(m.Key, _options.K)));
                break;
            case KademliaMessage.Store m:
                _store[m.Key] = m.Data;
                break;
            case KademliaMessage.Nodes m: OnNodes(from, m); break;
            case KademliaMessage.Value m: OnValue(from, m); break;
        }
    }

    /// <summary>Join (§2.3): put the one known contact in a bucket, then look ourselves up to fill the table and become known.</summary>
    public long Join(KademliaContact via)
    {
        Table.Observe(via);
        return StartLookup(KademliaOperation.FindNode, _id, null);
    }
}

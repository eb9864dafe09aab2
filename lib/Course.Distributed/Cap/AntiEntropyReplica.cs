using Course.Simulation;

namespace Course.Distributed.Cap;

/// <summary>
/// What both AP stores share: answer every client at once from local state (always available), push each
/// local write to the peers straight away (best effort: lost in a partition), and run periodic push-pull
/// anti-entropy with a random peer, which is what repairs the replicas once the partition heals.
/// Subclasses say how a local request changes an entry and how two entries merge.
/// </summary>
public abstract class AntiEntropyReplica<TEntry> : ICapReplica where TEntry : notnull
{
    private readonly SortedDictionary<string, TEntry> _store = new(StringComparer.Ordinal);
    private readonly HashSet<(NodeId, long, int)> _handled = [];
    private readonly int _antiEntropyTicks;
    private int _ticksSinceRound;

    protected AntiEntropyReplica(int antiEntropyTicks) =>
        _antiEntropyTicks = antiEntropyTicks >= 1
            ? antiEntropyTicks
            : throw new ArgumentOutOfRangeException(nameof(antiEntropyTicks), antiEntropyTicks, "antiEntropyTicks must be at least 1.");

    protected INodeContext<CapMessage> Context { get; private set; } = null!;

    /// <summary>Anti-entropy rounds this replica started.</summary>
    public long Rounds { get; private set; }

    public void Start(INodeContext<CapMessage> context) => Context = context;

    public void Receive(NodeId from, CapMessage message)
    {
        switch (message)
        {
            case ClientRequest request when _handled.Add(request.AttemptFrom(from)):
                var (reply, changed) = Handle(request, _store.TryGetValue(request.Key, out var entry) ? entry : default);
                if (changed is { } updated)
                {
                    _store[request.Key] = updated;
                    Push(new Dictionary<string, TEntry> { [request.Key] = updated }); // eager, asynchronous replication
                }
                Context.Send(from, reply);
                break;
            case AntiEntropy<TEntry> exchange:
                foreach (var (key, remote) in exchange.Entries)
                    _store[key] = _store.TryGetValue(key, out var local) ? Merge(local, remote) : remote;
                if (exchange.ReplyWanted) Context.Send(from, new AntiEntropy<TEntry>(Snapshot(), ReplyWanted: false));
                break;
        }
    }

    public void Tick()
    {
        if (++_ticksSinceRound < _antiEntropyTicks) return;
        _ticksSinceRound = 0;
        var peers = Context.Peers.Where(p => p != Context.Self).ToArray();
        if (peers.Length == 0) return;
        Rounds++;
        Context.Send(peers[Context.Random.Next(peers.Length)], new AntiEntropy<TEntry>(Snapshot(), ReplyWanted: true));
    }

    public IReadOnlyList<string> LocalValues(string key) =>
        _store.TryGetValue(key, out var entry) ? ValuesOf(entry) : [];

    public string StateDigest() => string.Join("; ", _store.Select(kv => $"{kv.Key}={Describe(kv.Value)}"));

    /// <summary>
    /// Answers a client from local state. Returns the reply and, for a write, the key's new entry
    /// (<paramref name="current"/> is default when the key has none yet).
    /// </summary>
    protected abstract (ClientReply Reply, TEntry? Changed) Handle(ClientRequest request, TEntry? current);

    /// <summary>Combines this replica's entry with a peer's; must be commutative, associative and idempotent, so replicas converge.</summary>
    protected abstract TEntry Merge(TEntry local, TEntry remote);

    protected abstract IReadOnlyList<string> ValuesOf(TEntry entry);

    protected abstract string Describe(TEntry entry);

    private void Push(IReadOnlyDictionary<string, TEntry> entries)
    {
        foreach (var peer in Context.Peers)
            if (peer != Context.Self) Context.Send(peer, new AntiEntropy<TEntry>(entries, ReplyWanted: false));
    }

    private Dictionary<string, TEntry> Snapshot() => new(_store, StringComparer.Ordinal);
}

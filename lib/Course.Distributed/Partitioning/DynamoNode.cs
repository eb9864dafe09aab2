using System.Text.Json;
using Course.Distributed.Cap;
using Course.Simulation;

namespace Course.Distributed.Partitioning;

/// <summary>
/// One Dynamo storage node (DeCandia et al. 2007), sans-I/O: a replica of the keys whose preference list
/// names it, a fallback holding hinted writes for failed owners, and the coordinator of the client requests
/// sent to it (N/R/W quorums, sloppy quorum, read repair). Anti-entropy compares Merkle trees with a random
/// peer every <see cref="DynamoOptions.AntiEntropyInterval"/>. Data, hints and the version counter are durable.
/// </summary>
public sealed partial class DynamoNode(DynamoOptions options, DynamoRing ring, DynamoStats stats) : INode<DynamoMessage>
{
    private const string StateKey = "dynamo";
    private INodeContext<DynamoMessage> _context = null!;
    private Dictionary<string, IReadOnlyList<Sibling>> _store = new(StringComparer.Ordinal);
    private List<Hint> _hints = [];
    private long _counter;     // this node's writes as coordinator: the version-vector entry it owns
    private long _nextId;      // op and hint ids (volatile ops; hint ids are made unique with the counter)
    private readonly Dictionary<NodeId, TimeSpan> _suspectedUntil = [];
    private readonly Dictionary<long, WriteOp> _writes = [];
    private readonly Dictionary<long, ReadOp> _reads = [];
    private TimeSpan _nextHintRound;
    private TimeSpan _nextAntiEntropy;

    private NodeId Self => _context.Self;
    private TimeSpan Now => _context.Now;

    /// <summary>The siblings this node stores for a key as an owner (hints not included).</summary>
    public IReadOnlyList<Sibling> Stored(string key) => _store.GetValueOrDefault(key) ?? [];

    public IReadOnlyCollection<string> Keys => _store.Keys;

    /// <summary>Hinted writes held here for other nodes.</summary>
    public int HintsHeld => _hints.Count;

    public void Start(INodeContext<DynamoMessage> context)
    {
        _context = context;
        if (context.Storage.Read(StateKey) is { } bytes) Load(bytes);
        _nextId = 1;
        _nextHintRound = Now + options.HintRetryInterval;
        if (options.AntiEntropyInterval > TimeSpan.Zero)
            _nextAntiEntropy = Now + TimeSpan.FromTicks((long)(context.Random.NextDouble() * options.AntiEntropyInterval.Ticks));
    }

    public void Receive(NodeId from, DynamoMessage message)
    {
        _suspectedUntil.Remove(from); // it answered: it is alive
        switch (message)
        {
            case ClientPut put: StartWrite(from, put); break;
            case ClientGet get: StartRead(from, get); break;
            case ReplicaWrite write: OnReplicaWrite(from, write); break;
            case WriteAck ack: OnWriteAck(from, ack); break;
            case ReplicaRead read: _context.Send(from, new ReadReply(read.OpId, read.Key, ReadLocal(read.Key))); break;
            case ReadReply reply: OnReadReply(from, reply); break;
            case HintHandoff handoff:
                MergeIntoStore(handoff.Key, handoff.Siblings);
                _context.Send(from, new HintAck(handoff.HintId));
                break;
            case HintAck hintAck:
                if (_hints.RemoveAll(h => h.Id == hintAck.HintId) > 0)
                {
                    stats.HintsDelivered++;
                    Persist();
                }
                break;
            case MerkleCompare compare: OnMerkleCompare(from, compare); break;
            case MerkleBuckets buckets: OnMerkleBuckets(from, buckets); break;
        }
    }

    public void Tick()
    {
        foreach (var op in _writes.Values.ToArray()) TickWrite(op);
        foreach (var op in _reads.Values.ToArray()) TickRead(op);
        if (options.HintedHandoff && Now >= _nextHintRound)
        {
            _nextHintRound = Now + options.HintRetryInterval;
            foreach (var hint in _hints) _context.Send(hint.For, new HintHandoff(hint.Id, hint.Key, hint.Siblings));
        }
        if (options.AntiEntropyInterval > TimeSpan.Zero && Now >= _nextAntiEntropy)
        {
            _nextAntiEntropy = Now + options.AntiEntropyInterval;
            StartAntiEntropy();
        }
    }

    // ---- replica side -------------------------------------------------------------------------------

    private void OnReplicaWrite(NodeId from, ReplicaWrite write)
    {
        if (write.HintFor is { } owner && owner != Self)
        {
            var existing = _hints.FindIndex(h => h.For == owner && h.Key == write.Key);
            if (existing >= 0) _hints[existing] = _hints[existing] with { Siblings = Siblings.Merge(_hints[existing].Siblings, write.Siblings) };
            else
            {
                _hints.Add(new Hint(((long)Self.Value << 40) | ++_counter, write.Key, write.Siblings, owner));
                stats.HintsStored++;
                _context.Note("hint", $"holding {write.Key} for {owner}");
            }
            Persist();
        }
        else MergeIntoStore(write.Key, write.Siblings);
        if (write.OpId != 0) _context.Send(from, new WriteAck(write.OpId));
    }

    private IReadOnlyList<Sibling> ReadLocal(string key)
    {
        var result = Stored(key);
        foreach (var hint in _hints)
            if (hint.Key == key) result = Siblings.Merge(result, hint.Siblings);
        return result;
    }

    /// <summary>Merges into the store; returns whether anything changed.</summary>
    private bool MergeIntoStore(string key, IReadOnlyList<Sibling> incoming)
    {
        var current = Stored(key);
        var merged = Siblings.Merge(current, incoming);
        if (Siblings.SameVersions(current, merged)) return false;
        _store[key] = merged;
        Persist();
        return true;
    }

    // ---- coordinator side ---------------------------------------------------------------------------

    private bool Suspected(NodeId node) => _suspectedUntil.TryGetValue(node, out var until) && until > Now;

    private void Suspect(NodeId node) => _suspectedUntil[node] = Now + 10 * options.ReplicaTimeout;

    /// <summary>The first N nodes to ask: the preference list, with suspected owners replaced by the next healthy nodes (sloppy).</summary>
    private List<Target> InitialTargets(string key, out int next)
    {
        var walk = ring.Walk(key);
        var targets = new List<Target>();
        next = options.N;
        for (var i = 0; i < options.N; i++)
        {
            var owner = walk[i];
            if (options.SloppyQuorum && Suspected(owner) && NextFallback(walk, ref next) is { } fallback)
                targets.Add(new Target(fallback, owner, Now));
            else targets.Add(new Target(owner, null, Now));
        }
        return targets;
    }

    private NodeId? NextFallback(IReadOnlyList<NodeId> walk, ref int next)
    {
        while (next < walk.Count)
        {
            var candidate = walk[next++];
            if (!Suspected(candidate)) { stats.FallbacksUsed++; return candidate; }
        }
        return null;
    }

    /// <summary>Targets that timed out are suspected and (sloppy) replaced by the next node of the walk.</summary>
    private void ReplaceTimedOut(Operation op, Action<Target> send)
    {
        foreach (var target in op.Targets.ToArray())
        {
            if (target.Answered || target.Replaced || Now - target.SentAt < options.ReplicaTimeout) continue;
            target.Replaced = true;
            Suspect(target.Node);
            if (!options.SloppyQuorum) continue;
            var next = op.NextInWalk;
            var fallback = NextFallback(op.Walk, ref next);
            op.NextInWalk = next;
            if (fallback is { } node)
            {
                var replacement = new Target(node, target.HintFor ?? target.Node, Now);
                op.Targets.Add(replacement);
                send(replacement);
            }
        }
    }

    private void StartWrite(NodeId client, ClientPut put)
    {
        var version = put.Context.With(Self.Value, Math.Max(put.Context[Self.Value], _counter) + 1);
        _counter = version[Self.Value];
        Persist();
        var op = new WriteOp(_nextId++, client, put.RequestId, put.Key, ring.Walk(put.Key), Now + options.RequestTimeout,
            [new Sibling(put.Value, version, CausalHistory.Empty)], version) { Targets = InitialTargets(put.Key, out var next) };
        op.NextInWalk = next;
        _writes[op.Id] = op;
        foreach (var target in op.Targets) SendWrite(op, target);
    }

    private void SendWrite(WriteOp op, Target target) =>
        _context.Send(target.Node, new ReplicaWrite(op.Id, op.Key, op.Siblings, target.HintFor));

    private void OnWriteAck(NodeId from, WriteAck ack)
    {
        if (!_writes.TryGetValue(ack.OpId, out var op)) return;
        var target = op.Targets.FirstOrDefault(t => t.Node == from && !t.Answered);
        if (target is null) return;
        target.Answered = true;
        if (++op.Acks == options.W && !op.Replied)
        {
            op.Replied = true;
            _context.Send(op.Client, new PutReply(op.RequestId, true, op.Version));
        }
        // Keep placing copies until N nodes (owners or fallbacks) hold one, so a failed owner gets a hint.
        if (op.Acks >= options.N) _writes.Remove(op.Id);
    }

    private void TickWrite(WriteOp op)
    {
        if (Now >= op.Deadline)
        {
            if (!op.Replied) _context.Send(op.Client, new PutReply(op.RequestId, false, null));
            _writes.Remove(op.Id);
            return;
        }
        ReplaceTimedOut(op, t => SendWrite(op, t));
    }

    private void StartRead(NodeId client, ClientGet get)
    {
        var op = new ReadOp(_nextId++, client, get.RequestId, get.Key, ring.Walk(get.Key), Now + options.RequestTimeout)
            { Targets = InitialTargets(get.Key, out var next) };
        op.NextInWalk = next;
        _reads[op.Id] = op;
        foreach (var target in op.Targets) _context.Send(target.Node, new ReplicaRead(op.Id, op.Key));
    }

    private void OnReadReply(NodeId from, ReadReply reply)
    {
        if (!_reads.TryGetValue(reply.OpId, out var op)) return;
        var target = op.Targets.FirstOrDefault(t => t.Node == from && !t.Answered);
        if (target is null) return;
        target.Answered = true;
        op.Replies[from] = reply.Siblings;
        op.Merged = Siblings.Merge(op.Merged, reply.Siblings);
        if (op.Replies.Count == options.R && !op.Replied)
        {
            op.Replied = true;
            _context.Send(op.Client, new GetReply(op.RequestId, true, op.Merged));
        }
        if (op.Targets.All(t => t.Answered || t.Replaced)) FinishRead(op);
    }

    private void TickRead(ReadOp op)
    {
        if (Now >= op.Deadline)
        {
            if (!op.Replied) _context.Send(op.Client, new GetReply(op.RequestId, false, []));
            FinishRead(op);
            return;
        }
        ReplaceTimedOut(op, t => _context.Send(t.Node, new ReplicaRead(op.Id, op.Key)));
        if (op.Replied && op.Targets.All(t => t.Answered || t.Replaced)) FinishRead(op);
    }

    /// <summary>Read repair (Dynamo §5): owners that answered with less than the merged set get it.</summary>
    private void FinishRead(ReadOp op)
    {
        _reads.Remove(op.Id);
        if (!options.ReadRepair || !op.Replied) return;
        var owners = op.Walk.Take(options.N).ToHashSet();
        foreach (var (node, siblings) in op.Replies)
            if (owners.Contains(node) && !Siblings.SameVersions(siblings, op.Merged))
            {
                stats.ReadRepairs++;
                _context.Send(node, new ReplicaWrite(0, op.Key, op.Merged, null));
            }
    }

    // ---- durability ---------------------------------------------------------------------------------

    private sealed record StoredSibling(string Value, Dictionary<int, long> Version);
    private sealed record StoredHint(long Id, string Key, int For, List<StoredSibling> Siblings);
    private sealed record StoredState(long Counter, Dictionary<string, List<StoredSibling>> Store, List<StoredHint> Hints);

    private static List<StoredSibling> ToStored(IReadOnlyList<Sibling> siblings) =>
        siblings.Select(s => new StoredSibling(s.Value, s.Version.Counters.ToDictionary())).ToList();

    private static IReadOnlyList<Sibling> FromStored(List<StoredSibling> siblings) =>
        siblings.Select(s => new Sibling(s.Value,
            s.Version.Aggregate(VersionVector.Empty, (v, c) => v.With(c.Key, c.Value)), CausalHistory.Empty)).ToArray();

    private void Persist()
    {
        var state = new StoredState(_counter,
            _store.ToDictionary(e => e.Key, e => ToStored(e.Value), StringComparer.Ordinal),
            _hints.Select(h => new StoredHint(h.Id, h.Key, h.For.Value, ToStored(h.Siblings))).ToList());
        _context.Storage.Write(StateKey, JsonSerializer.SerializeToUtf8Bytes(state));
    }

    private void Load(byte[] bytes)
    {
        var state = JsonSerializer.Deserialize<StoredState>(bytes) ?? throw new InvalidOperationException("Corrupt Dynamo state.");
        _counter = state.Counter;
        _store = state.Store.ToDictionary(e => e.Key, e => FromStored(e.Value), StringComparer.Ordinal);
        _hints = state.Hints.Select(h => new Hint(h.Id, h.Key, FromStored(h.Siblings), new NodeId(h.For))).ToList();
    }

    // ---- bookkeeping types --------------------------------------------------------------------------

    private sealed record Hint(long Id, string Key, IReadOnlyList<Sibling> Siblings, NodeId For);

    private sealed class Target(NodeId node, NodeId? hintFor, TimeSpan sentAt)
    {
        public NodeId Node { get; } = node;
        public NodeId? HintFor { get; } = hintFor;
        public TimeSpan SentAt { get; } = sentAt;
        public bool Answered { get; set; }
        public bool Replaced { get; set; }
    }

    private abstract class Operation(long id, NodeId client, long requestId, string key, IReadOnlyList<NodeId> walk, TimeSpan deadline)
    {
        public long Id { get; } = id;
        public NodeId Client { get; } = client;
        public long RequestId { get; } = requestId;
        public string Key { get; } = key;
        public IReadOnlyList<NodeId> Walk { get; } = walk;
        public TimeSpan Deadline { get; } = deadline;
        public List<Target> Targets { get; init; } = [];
        public int NextInWalk { get; set; }
        public bool Replied { get; set; }
    }

    private sealed class WriteOp(long id, NodeId client, long requestId, string key, IReadOnlyList<NodeId> walk, TimeSpan deadline,
        IReadOnlyList<Sibling> siblings, VersionVector version) : Operation(id, client, requestId, key, walk, deadline)
    {
        public IReadOnlyList<Sibling> Siblings { get; } = siblings;
        public VersionVector Version { get; } = version;
        public int Acks { get; set; }
    }

    private sealed class ReadOp(long id, NodeId client, long requestId, string key, IReadOnlyList<NodeId> walk, TimeSpan deadline)
        : Operation(id, client, requestId, key, walk, deadline)
    {
        public Dictionary<NodeId, IReadOnlyList<Sibling>> Replies { get; } = [];
        public IReadOnlyList<Sibling> Merged { get; set; } = [];
    }
}

using Course.Distributed.Cap;
using Course.Simulation;

namespace Course.Distributed.Partitioning;

/// <summary>A client's put: whether W replicas acknowledged, and the version it created.</summary>
public sealed record PutResult(bool Ok, string Key, string Value, VersionVector? Version, NodeId? Coordinator)
{
    public override string ToString() => Ok ? $"put {Key}={Value} @{Version} via {Coordinator}" : $"put {Key}={Value} failed";
}

/// <summary>
/// A client's get: the siblings R replicas returned (merged), the context to send back with the next put,
/// and whether it was stale (missed a write acknowledged before the get started).
/// </summary>
public sealed record GetResult(bool Ok, string Key, IReadOnlyList<Sibling> Siblings, bool Stale, NodeId? Coordinator)
{
    public IReadOnlyList<string> Values => Siblings.Select(s => s.Value).ToArray();
    public VersionVector Context => Cap.Siblings.Context(Siblings);
    public bool HasSiblings => Siblings.Count > 1;
    public override string ToString() => Ok ? $"get {Key} = [{string.Join(", ", Siblings)}]{(Stale ? " STALE" : "")}" : $"get {Key} failed";
}

/// <summary>What a run of a <see cref="DynamoCluster"/> showed, for a notebook table.</summary>
public sealed record DynamoReport(
    int Puts, int FailedPuts, int Gets, int FailedGets, int StaleReads, int SiblingReads,
    long HintsStored, long HintsDelivered, long ReadRepairs,
    long MerkleSessions, long MerkleHashesSent, long MerkleRangesSynced, long MerkleKeysSent, long MerkleKeysUpdated,
    long Messages, long Bytes);

/// <summary>
/// A Dynamo-style store in the deterministic simulator: <see cref="DynamoOptions.Nodes"/> storage nodes on a
/// consistent-hashing ring plus one client. <see cref="Put"/>/<see cref="Get"/> run the simulation until
/// the coordinator answers; crash, partition and heal between them, and read the report.
/// The client is partition-aware (Dynamo §4.5): it sends each request to the first live, reachable node of
/// the key's walk on the ring.
/// </summary>
public sealed class DynamoCluster
{
    private readonly DynamoStats _stats = new();
    private readonly Dictionary<string, List<VersionVector>> _acknowledged = new(StringComparer.Ordinal);
    private readonly NodeId _client;
    private int _puts, _failedPuts, _gets, _failedGets, _stale, _siblingReads;

    public DynamoCluster(DynamoOptions options, int seed, NetworkConditions? network = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Simulation = new Simulation<DynamoMessage>(seed, new SimulationOptions
        {
            Network = network ?? NetworkConditions.Reliable,
            TraceMessages = false,
        });
        var ids = Enumerable.Range(0, options.Nodes).Select(i => new NodeId(i)).ToArray();
        Ring = new DynamoRing(ids, options.VirtualNodes);
        foreach (var _ in ids) Simulation.AddNode(_ => new DynamoNode(options, Ring, _stats));
        _client = Simulation.AddNode(_ => new DynamoClientNode(), isClient: true, ticks: false);
    }

    public DynamoOptions Options { get; }
    public Simulation<DynamoMessage> Simulation { get; }
    public DynamoRing Ring { get; }
    public DynamoStats Stats => _stats;
    public int Seed => Simulation.Seed;
    public IReadOnlyList<NodeId> Servers => Ring.Nodes;

    /// <summary>The N owners of a key.</summary>
    public IReadOnlyList<NodeId> PreferenceList(string key) => Ring.PreferenceList(CheckKey(key), Options.N);

    /// <summary>Writes <paramref name="value"/>; pass the context of a previous get to supersede what it read.</summary>
    public PutResult Put(string key, string value, VersionVector? context = null)
    {
        CheckKey(key);
        ArgumentNullException.ThrowIfNull(value);
        _puts++;
        var coordinator = CoordinatorFor(key);
        if (coordinator is not { } via) { _failedPuts++; return new PutResult(false, key, value, null, null); }
        var reply = Call<PutReply>(via, id => new ClientPut(id, key, value, context ?? VersionVector.Empty));
        if (reply is not { Ok: true, Version: { } version }) { _failedPuts++; return new PutResult(false, key, value, null, via); }
        if (!_acknowledged.TryGetValue(key, out var acked)) _acknowledged[key] = acked = [];
        acked.Add(version);
        return new PutResult(true, key, value, version, via);
    }

    /// <summary>Reads a key: every sibling R replicas knew of.</summary>
    public GetResult Get(string key)
    {
        CheckKey(key);
        _gets++;
        var ackedBefore = _acknowledged.GetValueOrDefault(key)?.ToArray() ?? [];
        var coordinator = CoordinatorFor(key);
        if (coordinator is not { } via) { _failedGets++; return new GetResult(false, key, [], false, null); }
        var reply = Call<GetReply>(via, id => new ClientGet(id, key));
        if (reply is not { Ok: true }) { _failedGets++; return new GetResult(false, key, [], false, via); }
        var stale = ackedBefore.Any(v => !reply.Siblings.Any(s => v.Compare(s.Version) is Causality.Before or Causality.Equal));
        if (stale) _stale++;
        if (reply.Siblings.Count > 1) _siblingReads++;
        return new GetResult(true, key, reply.Siblings, stale, via);
    }

    /// <summary>The client-side merge (Dynamo's shopping cart): read, combine the siblings, write back with their joint context.</summary>
    public PutResult Resolve(string key, Func<IReadOnlyList<Sibling>, string> merge)
    {
        ArgumentNullException.ThrowIfNull(merge);
        var read = Get(key);
        if (!read.Ok) return new PutResult(false, key, "", null, null);
        return Put(key, merge(read.Siblings), read.Context);
    }

    public void Crash(NodeId node) => Simulation.Crash(node);
    public void Restart(NodeId node) => Simulation.Restart(node);
    public void Disconnect(NodeId node) => Simulation.Disconnect(node);
    public void Connect(NodeId node) => Simulation.Connect(node);
    public void Heal() => Simulation.Heal();

    /// <summary>Splits the servers into groups; the client stays with the first group.</summary>
    public void Partition(params IReadOnlyCollection<NodeId>[] groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Length == 0) throw new ArgumentException("Give at least one group.", nameof(groups));
        Simulation.Partition([[.. groups[0], _client], .. groups.Skip(1)]);
    }

    public void RunFor(TimeSpan duration) => Simulation.RunFor(duration);
    public bool RunUntil(Func<bool> condition, TimeSpan budget) => Simulation.RunUntil(condition, budget);

    /// <summary>What a live node stores for the key as an owner (hints excluded).</summary>
    public IReadOnlyList<Sibling> StoredAt(NodeId node, string key) => Simulation.Node<DynamoNode>(node).Stored(CheckKey(key));

    /// <summary>Hinted writes held by live nodes, waiting to be handed back.</summary>
    public int HintsPending => Servers.Where(Simulation.IsUp).Sum(n => Simulation.Node<DynamoNode>(n).HintsHeld);

    /// <summary>Keys among <paramref name="keys"/> whose owners do not all store the same versions (all owners must be up).</summary>
    public IReadOnlyList<string> DivergentKeys(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return keys.Where(k =>
        {
            var sets = PreferenceList(k).Select(n => StoredAt(n, k)).ToArray();
            return sets.Any(s => !Siblings.SameVersions(s, sets[0]));
        }).ToArray();
    }

    public DynamoReport Report() => new(
        _puts, _failedPuts, _gets, _failedGets, _stale, _siblingReads,
        _stats.HintsStored, _stats.HintsDelivered, _stats.ReadRepairs,
        _stats.MerkleSessions, _stats.MerkleHashesSent, _stats.MerkleRangesSynced, _stats.MerkleKeysSent, _stats.MerkleKeysUpdated,
        Simulation.Stats.Sent, Simulation.Stats.BytesSent);

    private NodeId? CoordinatorFor(string key)
    {
        foreach (var node in Ring.Walk(key))
            if (Simulation.IsUp(node) && Simulation.CanReach(_client, node) && Simulation.CanReach(node, _client))
                return node;
        return null;
    }

    private TReply? Call<TReply>(NodeId to, Func<long, DynamoMessage> request) where TReply : DynamoMessage
    {
        var client = Simulation.Node<DynamoClientNode>(_client);
        var id = client.Send(to, request);
        Simulation.RunUntil(() => client.Replies.ContainsKey(id), Options.RequestTimeout + TimeSpan.FromMilliseconds(200));
        return client.Replies.Remove(id, out var reply) ? reply as TReply : null;
    }

    private static string CheckKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length > 0 ? key : throw new ArgumentException("The key must not be empty.", nameof(key));
    }
}

/// <summary>The client node: sends requests, keeps replies by request id.</summary>
public sealed class DynamoClientNode : INode<DynamoMessage>
{
    private INodeContext<DynamoMessage> _context = null!;
    private long _nextId;

    public Dictionary<long, DynamoMessage> Replies { get; } = [];

    public void Start(INodeContext<DynamoMessage> context) => _context = context;

    public long Send(NodeId to, Func<long, DynamoMessage> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = ++_nextId;
        _context.Send(to, request(id));
        return id;
    }

    public void Receive(NodeId from, DynamoMessage message)
    {
        switch (message)
        {
            case PutReply r: Replies[r.RequestId] = r; break;
            case GetReply r: Replies[r.RequestId] = r; break;
        }
    }

    public void Tick() { }
}

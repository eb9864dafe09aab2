using Course.Distributed.Paxos;
using Course.Simulation;

namespace Course.Distributed.Dht;

/// <summary>How a <see cref="ChordCluster"/> forms its ring.</summary>
public enum ChordBootstrap
{
    /// <summary>Every node starts with correct fingers, successor list and predecessor (fast, for large N).</summary>
    CorrectState,
    /// <summary>n0 creates the ring; call <see cref="ChordCluster.JoinAll"/> to join the others one by one.</summary>
    Join,
}

/// <summary>
/// A Chord overlay on the deterministic simulator: N <see cref="ChordNode"/>s with seeded random m-bit ids.
/// Run lookups from random nodes for random keys, fail a fraction of the nodes, let stabilization repair the
/// ring, and compare every answer with the live successor of the key on the true membership.
/// </summary>
public sealed class ChordCluster : SimulatedCluster<ChordMessage, ChordNode>
{
    private readonly ulong[] _ids;
    private readonly Dictionary<long, ChordLookupResult> _done = [];
    private readonly Random _random;

    public ChordCluster(int size, int seed = 1, ChordOptions? options = null, ChordBootstrap bootstrap = ChordBootstrap.CorrectState,
        IReadOnlyList<ulong>? ids = null, SimulationOptions? simulationOptions = null)
        : base(size, seed, simulationOptions ?? new SimulationOptions { TraceMessages = false })
    {
        Options = options ?? new ChordOptions();
        Ring = new ChordRing(Options.Bits);
        _random = new Random(DeterministicRandom.DeriveSeed(seed, 0xC40D));
        _ids = ids is null ? DhtIds.Random(size, _random, Ring.Mask, nameof(size)) : DhtIds.Given(ids, size, Ring.Mask, nameof(ids));
        AddNodes(id => new ChordNode(_ids[id.Value], Options, r => _done[Key(r.Origin.Node, r.LookupId)] = r with { Expected = ExpectedSuccessor(r.Key) }));
        if (bootstrap == ChordBootstrap.CorrectState) BootstrapAll();
        else Simulation.Node<ChordNode>(Nodes[0]).Create();
    }

    public ChordOptions Options { get; }
    public ChordRing Ring { get; }

    public ChordPeer PeerOf(NodeId node) => new(CheckNode(node, nameof(node)), _ids[node.Value]);

    /// <summary>Live nodes that are in the ring, sorted by id: the membership lookups are judged against.</summary>
    public IReadOnlyList<ChordPeer> LiveRing =>
        [.. Nodes.Where(n => Simulation.IsUp(n) && Simulation.Node<ChordNode>(n).IsJoined).Select(PeerOf).OrderBy(p => p.Id)];

    /// <summary>successor(key) on the live membership: the first live node whose id is ≥ key, wrapping round.</summary>
    public ChordPeer? ExpectedSuccessor(ulong key)
    {
        ChordPeer? best = null;
        ulong bestDistance = 0;
        foreach (var n in Nodes)
        {
            if (!Simulation.IsUp(n) || !Simulation.Node<ChordNode>(n).IsJoined) continue;
            var d = Ring.Distance(key, _ids[n.Value]);
            if (best is null || d < bestDistance) (best, bestDistance) = (PeerOf(n), d);
        }
        return best;
    }

    /// <summary><paramref name="node"/> joins the ring through <paramref name="via"/> (both must be up).</summary>
    public void Join(NodeId node, NodeId via)
    {
        var joiner = NodeOrNull(CheckNode(node, nameof(node))) ?? throw new ArgumentException($"Node {node} is crashed.", nameof(node));
        var bootstrap = NodeOrNull(CheckNode(via, nameof(via))) ?? throw new ArgumentException($"Node {via} is crashed.", nameof(via));
        if (!bootstrap.IsJoined) throw new ArgumentException($"Node {via} is not in the ring.", nameof(via));
        if (joiner.IsJoined) return;
        Simulation.Invoke<ChordNode, int>(node, n => { n.Join(bootstrap.Self); return 0; });
    }

    /// <summary>Joins every node not yet in the ring, one by one through a random member, <paramref name="between"/> apart.</summary>
    public void JoinAll(TimeSpan between)
    {
        foreach (var node in Nodes)
        {
            if (!Simulation.IsUp(node) || Simulation.Node<ChordNode>(node).IsJoined) continue;
            var members = Nodes.Where(n => Simulation.IsUp(n) && Simulation.Node<ChordNode>(n).IsJoined).ToList();
            Join(node, members[_random.Next(members.Count)]);
            RunFor(between);
        }
    }

    /// <summary>Whether every live member's successor is the next live member: stabilization has converged.</summary>
    public bool RingIsConsistent()
    {
        var ring = LiveRing;
        for (var i = 0; i < ring.Count; i++)
            if (Simulation.Node<ChordNode>(ring[i].Node).Successor != ring[(i + 1) % ring.Count]) return false;
        return ring.Count > 0;
    }

    /// <summary>Crashes a random <paramref name="fraction"/> of the live nodes (at least one stays up); returns them.</summary>
    public IReadOnlyList<NodeId> FailFraction(double fraction)
    {
        if (fraction is < 0 or >= 1 || double.IsNaN(fraction)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "fraction must be in [0, 1).");
        var live = Nodes.Where(Simulation.IsUp).ToList();
        var victims = live.OrderBy(_ => _random.Next()).Take((int)(live.Count * fraction)).ToList();
        foreach (var v in victims) Crash(v);
        return victims;
    }

    /// <summary>One lookup of successor(<paramref name="key"/>) from <paramref name="origin"/>, run to completion.</summary>
    public ChordLookupResult Lookup(NodeId origin, ulong key)
    {
        if ((key & ~Ring.Mask) != 0) throw new ArgumentOutOfRangeException(nameof(key), key, $"The key does not fit in {Options.Bits} bits.");
        if (NodeOrNull(CheckNode(origin, nameof(origin))) is null) throw new ArgumentException($"Node {origin} is crashed.", nameof(origin));
        var id = Simulation.Invoke<ChordNode, long>(origin, n => n.Lookup(key));
        Simulation.RunUntilOrThrow(() => _done.ContainsKey(Key(origin, id)), TimeSpan.FromSeconds(30), "chord lookup");
        return _done[Key(origin, id)];
    }

    /// <summary>
    /// <paramref name="count"/> lookups for random keys from random live members, all started at once and run
    /// until every one has finished (stabilization keeps running meanwhile).
    /// </summary>
    public IReadOnlyList<ChordLookupResult> LookupMany(int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must not be negative.");
        var members = LiveRing;
        if (members.Count == 0) throw new InvalidOperationException("No live node is in the ring.");
        var started = new List<(NodeId, long)>();
        for (var i = 0; i < count; i++)
        {
            var origin = members[_random.Next(members.Count)].Node;
            var key = DhtIds.Next(_random, Ring.Mask);
            started.Add((origin, Simulation.Invoke<ChordNode, long>(origin, n => n.Lookup(key))));
        }
        Simulation.RunUntilOrThrow(() => started.All(s => _done.ContainsKey(Key(s.Item1, s.Item2))), TimeSpan.FromSeconds(60), "chord lookups");
        return [.. started.Select(s => _done[Key(s.Item1, s.Item2)])];
    }

    private static long Key(NodeId origin, long lookupId) => ((long)origin.Value << 40) | lookupId;

    private void BootstrapAll()
    {
        var sorted = Nodes.Select(PeerOf).OrderBy(p => p.Id).ToArray();
        var sortedIds = sorted.Select(p => p.Id).ToArray();
        ChordPeer SuccessorOf(ulong key)
        {
            var i = Array.BinarySearch(sortedIds, key);
            if (i < 0) i = ~i;
            return sorted[i % sorted.Length];
        }
        for (var j = 0; j < sorted.Length; j++)
        {
            var me = sorted[j];
            var successors = Enumerable.Range(1, Math.Min(Options.SuccessorListLength, Math.Max(1, sorted.Length - 1)))
                .Select(k => sorted[(j + k) % sorted.Length]).ToList();
            var fingers = Enumerable.Range(0, Options.Bits).Select(i => (ChordPeer?)SuccessorOf(Ring.FingerStart(me.Id, i))).ToList();
            ChordPeer? predecessor = sorted[(j - 1 + sorted.Length) % sorted.Length];
            Simulation.Node<ChordNode>(me.Node).Bootstrap(predecessor, successors, fingers);
        }
    }
}

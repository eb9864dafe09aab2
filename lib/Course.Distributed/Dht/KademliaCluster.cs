using Course.Distributed.Paxos;
using Course.Simulation;

namespace Course.Distributed.Dht;

/// <summary>
/// A Kademlia overlay on the deterministic simulator: N <see cref="KademliaNode"/>s with seeded random 64-bit
/// ids. With <paramref name="joinSequentially"/> false (the default, fast for large N) every node starts with
/// its k-buckets filled from the whole membership in a seeded random order; otherwise n0 starts alone and the
/// others join one by one through a random earlier node (§2.3). Then: lookups, STORE/FIND_VALUE, failures.
/// </summary>
public sealed class KademliaCluster : SimulatedCluster<KademliaMessage, KademliaNode>
{
    private readonly ulong[] _ids;
    private readonly Dictionary<long, KademliaLookupResult> _done = [];
    private readonly Random _random;

    public KademliaCluster(int size, int seed = 1, KademliaOptions? options = null, bool joinSequentially = false,
        IReadOnlyList<ulong>? ids = null, SimulationOptions? simulationOptions = null)
        : base(size, seed, simulationOptions ?? new SimulationOptions { TraceMessages = false })
    {
        Options = options ?? new KademliaOptions();
        _random = new Random(DeterministicRandom.DeriveSeed(seed, 0x4AD));
        _ids = ids is null ? DhtIds.Random(size, _random, ulong.MaxValue, nameof(size)) : DhtIds.Given(ids, size, ulong.MaxValue, nameof(ids));
        AddNodes(id => new KademliaNode(_ids[id.Value], Options, Record));
        if (!joinSequentially) FillBuckets();
        else
            for (var i = 1; i < size; i++)
            {
                var via = ContactOf(Nodes[_random.Next(i)]);
                var lookup = Simulation.Invoke<KademliaNode, long>(Nodes[i], n => n.Join(via));
                Simulation.RunUntilOrThrow(() => _done.ContainsKey(Key(Nodes[i], lookup)), TimeSpan.FromSeconds(10), "kademlia join");
            }
    }

    public KademliaOptions Options { get; }

    public KademliaContact ContactOf(NodeId node) => new(CheckNode(node, nameof(node)), _ids[node.Value]);

    /// <summary>The live node XOR-closest to <paramref name="target"/>: where a correct lookup ends.</summary>
    public KademliaContact? ExpectedClosest(ulong target)
    {
        KademliaContact? best = null;
        foreach (var n in Nodes)
            if (Simulation.IsUp(n) && (best is null || (_ids[n.Value] ^ target) < (best.Value.Id ^ target))) best = ContactOf(n);
        return best;
    }

    /// <summary>Crashes a random <paramref name="fraction"/> of the live nodes; returns them.</summary>
    public IReadOnlyList<NodeId> FailFraction(double fraction)
    {
        if (fraction is < 0 or >= 1 || double.IsNaN(fraction)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "fraction must be in [0, 1).");
        var live = Nodes.Where(Simulation.IsUp).ToList();
        var victims = live.OrderBy(_ => _random.Next()).Take((int)(live.Count * fraction)).ToList();
        foreach (var v in victims) Crash(v);
        return victims;
    }

    public KademliaLookupResult FindNode(NodeId origin, ulong target) => Run(origin, n => n.FindNode(target));

    public KademliaLookupResult FindValue(NodeId origin, ulong key) => Run(origin, n => n.FindValue(key));

    /// <summary>STORE at the k closest nodes; returns once the lookup is over (the STOREs are then in flight).</summary>
    public KademliaLookupResult Store(NodeId origin, ulong key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Run(origin, n => n.Store(key, value));
    }

    /// <summary><paramref name="count"/> FIND_NODE lookups for random targets from random live nodes, all at once.</summary>
    public IReadOnlyList<KademliaLookupResult> LookupMany(int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must not be negative.");
        var live = Nodes.Where(Simulation.IsUp).ToList();
        var started = new List<(NodeId, long)>();
        for (var i = 0; i < count; i++)
        {
            var origin = live[_random.Next(live.Count)];
            var target = DhtIds.Next(_random, ulong.MaxValue);
            started.Add((origin, Simulation.Invoke<KademliaNode, long>(origin, n => n.FindNode(target))));
        }
        Simulation.RunUntilOrThrow(() => started.All(s => _done.ContainsKey(Key(s.Item1, s.Item2))), TimeSpan.FromSeconds(60), "kademlia lookups");
        return [.. started.Select(s => _done[Key(s.Item1, s.Item2)])];
    }

    private KademliaLookupResult Run(NodeId origin, Func<KademliaNode, long> start)
    {
        if (NodeOrNull(CheckNode(origin, nameof(origin))) is null) throw new ArgumentException($"Node {origin} is crashed.", nameof(origin));
        var id = Simulation.Invoke<KademliaNode, long>(origin, start);
        Simulation.RunUntilOrThrow(() => _done.ContainsKey(Key(origin, id)), TimeSpan.FromSeconds(30), "kademlia lookup");
        return _done[Key(origin, id)];
    }

    private void Record(KademliaLookupResult r) =>
        _done[Key(r.Origin.Node, r.LookupId)] = r with { ExpectedClosest = ExpectedClosest(r.Target) };

    private static long Key(NodeId origin, long lookupId) => ((long)origin.Value << 40) | lookupId;

    private void FillBuckets()
    {
        foreach (var node in Nodes)
        {
            var table = Simulation.Node<KademliaNode>(node).Table;
            // A random order, so a full bucket keeps a random k of its range (as first-come contacts would be).
            foreach (var other in Nodes.OrderBy(_ => _random.Next()))
                if (other != node) table.Observe(ContactOf(other));
        }
    }
}

namespace Course.Distributed.Hashing;

/// <summary>
/// Consistent hashing with bounded loads (Mirrokni, Thorup &amp; Zadimoghaddam, SODA 2018): a ring where no node
/// holds more than capacity ⌈(1+ε)·m/n⌉ of the m keys; a key whose ring successor is full walks on clockwise
/// to the first node with room. The paper shows a key insertion or node change then moves O(1/ε²) keys in
/// expectation, against the plain ring's unbounded worst-case load (HAProxy and Vimeo use it).
/// The placement depends on the keys, so this locator has state: <see cref="Locate(ulong)"/> places a key
/// it has not seen (the paper's arrival of a ball) and remembers where it went.
/// </summary>
public sealed class BoundedLoadRing : INodeLocator
{
    private readonly ConsistentHashRing _ring;
    private readonly int[] _loads;
    private readonly Dictionary<ulong, int> _owner = [];
    private readonly List<ulong> _arrivals = [];   // in order, so a membership change can replay them

    public BoundedLoadRing(IEnumerable<string> nodes, double epsilon, int virtualNodes = 100)
    {
        if (!(epsilon > 0) || double.IsInfinity(epsilon))
            throw new ArgumentException($"The balance parameter ε must be a positive number, not {epsilon}.", nameof(epsilon));
        _ring = new ConsistentHashRing(nodes, virtualNodes);
        Epsilon = epsilon;
        _loads = new int[_ring.Nodes.Count];
    }

    public double Epsilon { get; }
    public int VirtualNodes => _ring.VirtualNodes;
    public IReadOnlyList<string> Nodes => _ring.Nodes;

    /// <summary>The ring underneath (for drawing).</summary>
    public ConsistentHashRing Ring => _ring;

    /// <summary>How many keys are placed.</summary>
    public int KeyCount => _owner.Count;

    /// <summary>The most keys a node may hold now: ⌈(1+ε)·m/n⌉ with m the keys placed.</summary>
    public int Capacity => CapacityFor(_owner.Count);

    /// <summary>Keys held by each node.</summary>
    public IReadOnlyDictionary<string, int> Loads =>
        Nodes.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => _loads[p.i], StringComparer.Ordinal);

    public string Locate(string key) => Locate(KeyHash.Of(key));

    /// <summary>The key's node; a key not yet placed is placed now, under the capacity counting it.</summary>
    public string Locate(ulong keyHash)
    {
        if (_owner.TryGetValue(keyHash, out var known)) return Nodes[known];
        // Capacity grows with m, so keys placed earlier stay within it: the bound holds at every step.
        var capacity = CapacityFor(_owner.Count + 1);
        var point = _ring.Successor(keyHash);
        // Some node is below capacity (n·capacity ≥ (1+ε)(m+1) > m), so the walk ends within one lap.
        while (_loads[_ring.OwnerAt(point)] >= capacity)
            point = point + 1 == _ring.PointCount ? 0 : point + 1;
        var node = _ring.OwnerAt(point);
        _loads[node]++;
        _owner.Add(keyHash, node);
        _arrivals.Add(keyHash);
        return Nodes[node];
    }

    /// <summary>The same ring with <paramref name="node"/> added and the keys placed again in their arrival order.</summary>
    public INodeLocator WithNode(string node) => Replay(NodeSet.Adding(Nodes, node));

    /// <summary>The same ring with <paramref name="node"/> removed and the keys placed again in their arrival order.</summary>
    public INodeLocator WithoutNode(string node) => Replay(NodeSet.Removing(Nodes, node));

    private BoundedLoadRing Replay(string[] nodes)
    {
        var next = new BoundedLoadRing(nodes, Epsilon, VirtualNodes);
        foreach (var k in _arrivals) next.Locate(k);
        return next;
    }

    private int CapacityFor(int keys) => Math.Max(1, (int)Math.Ceiling((1 + Epsilon) * keys / Nodes.Count));
}

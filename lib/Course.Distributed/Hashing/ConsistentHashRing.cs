using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Course.Distributed.Hashing;

/// <summary>
/// Consistent hashing (Karger et al. 1997): every node is hashed to <see cref="VirtualNodes"/> points on a
/// 64-bit ring and a key belongs to the first point clockwise from its hash. Adding or removing a node only
/// moves the keys on the arcs its points own. One point per node leaves arcs whose lengths vary by a factor
/// of O(log n); with v virtual nodes the load's spread shrinks like 1/√v (the paper's "copies" of a bucket).
/// The ring is a sorted array searched by binary search, as in most implementations (Ketama, Dynamo).
/// </summary>
public sealed class ConsistentHashRing : INodeLocator
{
    private readonly string[] _nodes;
    private readonly ulong[] _points;   // sorted hashes of the virtual nodes
    private readonly int[] _owners;     // _owners[i]: index into _nodes of the node at _points[i]

    public ConsistentHashRing(IEnumerable<string> nodes, int virtualNodes = 100)
    {
        _nodes = NodeSet.Validate(nodes, nameof(nodes));
        if (virtualNodes <= 0) throw new ArgumentException($"Each node needs at least one point on the ring, not {virtualNodes}.", nameof(virtualNodes));
        VirtualNodes = virtualNodes;
        var all = new (ulong Hash, int Node, int Replica)[_nodes.Length * virtualNodes];
        for (var n = 0; n < _nodes.Length; n++)
            for (var r = 0; r < virtualNodes; r++)
                all[n * virtualNodes + r] = (KeyHash.Of(_nodes[n], (ulong)r), n, r);
        // Ties (two points with one hash) are broken by node id, so the ring does not depend on the input order.
        Array.Sort(all, (a, b) => a.Hash != b.Hash ? a.Hash.CompareTo(b.Hash) : string.CompareOrdinal(_nodes[a.Node], _nodes[b.Node]));
        _points = all.Select(p => p.Hash).ToArray();
        _owners = all.Select(p => p.Node).ToArray();
        Points = all.Select(p => new RingPoint(_nodes[p.Node], p.Replica, p.Hash, KeyHash.Position(p.Hash))).ToArray();
    }

    public int VirtualNodes { get; }
    public IReadOnlyList<string> Nodes => _nodes;

    /// <summary>The virtual nodes in ring order (for drawing).</summary>
    public IReadOnlyList<RingPoint> Points { get; }

    public string Locate(string key) => Locate(KeyHash.Of(key));
    public string Locate(ulong keyHash) => _nodes[_owners[Successor(keyHash)]];

    public INodeLocator WithNode(string node) => new ConsistentHashRing(NodeSet.Adding(_nodes, node), VirtualNodes);
    public INodeLocator WithoutNode(string node) => new ConsistentHashRing(NodeSet.Removing(_nodes, node), VirtualNodes);

    internal int PointCount => _points.Length;
    internal int OwnerAt(int point) => _owners[point];

    /// <summary>The index of the first point at or clockwise after <paramref name="hash"/> (wrapping to 0 past the top).</summary>
    /// <remarks>
    /// A branch-free binary search: the step is a conditional move, not a jump, because on random keys every
    /// comparison is a coin toss that a branch predictor would lose half the time.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Successor(ulong hash)
    {
        ref var first = ref MemoryMarshal.GetArrayDataReference(_points);
        int lo = 0, len = _points.Length;
        while (len > 1)
        {
            var half = len >> 1;
            lo = Unsafe.Add(ref first, lo + half - 1) < hash ? lo + half : lo;
            len -= half;
        }
        lo += Unsafe.Add(ref first, lo) < hash ? 1 : 0;
        return lo == _points.Length ? 0 : lo;
    }
}

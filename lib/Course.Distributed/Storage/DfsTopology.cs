using Course.Simulation;

namespace Course.Distributed.Storage;

/// <summary>Where a node sits: a rack, and a host (a client may share a host with a chunk server).</summary>
public readonly record struct NodeLocation(string Rack, string Host)
{
    public override string ToString() => $"{Rack}/{Host}";
}

/// <summary>
/// The cluster's network map, known to every node (HDFS gets it from a topology script). Distance is HDFS's
/// NetworkTopology measure: hops up and down the tree — 0 on the same host, 2 within a rack, 4 across racks.
/// "Nearest replica" (GFS §2.4, HDFS §3 "read from the closest replica") and the write chain (GFS §3.2) use it.
/// </summary>
public sealed class DfsTopology
{
    private readonly Dictionary<NodeId, NodeLocation> _locations = [];

    public const int SameHost = 0;
    public const int SameRack = 2;
    public const int OtherRack = 4;

    public void Place(NodeId node, NodeLocation location)
    {
        ArgumentException.ThrowIfNullOrEmpty(location.Rack, nameof(location));
        ArgumentException.ThrowIfNullOrEmpty(location.Host, nameof(location));
        _locations[node] = location;
    }

    public IReadOnlyDictionary<NodeId, NodeLocation> Locations => _locations;

    public bool Contains(NodeId node) => _locations.ContainsKey(node);

    public NodeLocation LocationOf(NodeId node) =>
        _locations.TryGetValue(node, out var l) ? l : throw new ArgumentException($"Node {node} is not in the topology.", nameof(node));

    public string RackOf(NodeId node) => LocationOf(node).Rack;

    public int Distance(NodeId a, NodeId b)
    {
        if (a == b) return SameHost;
        var (la, lb) = (LocationOf(a), LocationOf(b));
        return la.Host == lb.Host ? SameHost : la.Rack == lb.Rack ? SameRack : OtherRack;
    }

    /// <summary>
    /// <paramref name="nodes"/> nearest first. Equal distances are shuffled with <paramref name="random"/> (HDFS does
    /// the same) so load spreads over equally close replicas; without it, ties keep node order.
    /// </summary>
    public IReadOnlyList<NodeId> ByDistance(NodeId from, IEnumerable<NodeId> nodes, Random? random = null)
    {
        var list = nodes.ToList();
        if (random is not null)
            for (var i = list.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (list[i], list[j]) = (list[j], list[i]);
            }
        return list.Select((n, i) => (n, i)).OrderBy(x => Distance(from, x.n)).ThenBy(x => x.i).Select(x => x.n).ToArray();
    }

    /// <summary>
    /// The order data is pushed in (GFS §3.2): the client sends to the replica closest to it, and each replica
    /// forwards to the closest one "that has not received it" — a greedy nearest-next chain.
    /// </summary>
    public IReadOnlyList<NodeId> Chain(NodeId from, IEnumerable<NodeId> replicas)
    {
        var left = replicas.Distinct().ToList();
        var chain = new List<NodeId>(left.Count);
        var at = from;
        while (left.Count > 0)
        {
            var next = left.OrderBy(n => Distance(at, n)).ThenBy(n => n.Value).First();
            chain.Add(next);
            left.Remove(next);
            at = next;
        }
        return chain;
    }
}

namespace Course.Distributed.Hashing;

/// <summary>One virtual node on the ring: replica <paramref name="Replica"/> of <paramref name="Node"/> at <paramref name="Position"/> in [0, 1).</summary>
public sealed record RingPoint(string Node, int Replica, ulong Hash, double Position);

/// <summary>A key on the ring and the node a locator gives it.</summary>
public sealed record KeyPoint(ulong Hash, double Position, string Owner);

/// <summary>What a notebook needs to draw a ring: the virtual nodes and some keys with their owners.</summary>
public sealed record RingDiagram(IReadOnlyList<RingPoint> Points, IReadOnlyList<KeyPoint> Keys)
{
    /// <summary>The ring's virtual nodes, and <paramref name="keys"/> placed by <paramref name="locator"/> (the ring itself, or another scheme to compare).</summary>
    public static RingDiagram Of(ConsistentHashRing ring, IEnumerable<ulong> keys, INodeLocator? locator = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(keys);
        var by = locator ?? ring;
        return new(ring.Points, keys.Select(k => new KeyPoint(k, KeyHash.Position(k), by.Locate(k))).ToArray());
    }
}

namespace Course.Distributed.Hashing;

/// <summary>
/// Jump consistent hash (Lamping &amp; Veach 2014): maps a key to a bucket 0..n-1 with no memory and O(ln n)
/// time, and when n grows to n+1 exactly the keys that must move (1/(n+1) in expectation) move, all to the
/// new bucket. Buckets are numbered, not named, so nodes can only be added or removed at the end: that
/// suits sharded storage whose shards are replicated, not a cache whose servers fail at random.
/// </summary>
public sealed class JumpConsistentHash : INodeLocator
{
    private readonly string[] _nodes;   // _nodes[b] is bucket b

    public JumpConsistentHash(IEnumerable<string> nodes) => _nodes = NodeSet.Validate(nodes, nameof(nodes));

    public IReadOnlyList<string> Nodes => _nodes;

    /// <summary>
    /// The paper's code, line for line: a linear congruential generator draws the next bucket the key
    /// jumps to; the key's bucket is the last jump below <paramref name="buckets"/>.
    /// </summary>
    public static int Bucket(ulong key, int buckets)
    {
        if (buckets <= 0) throw new ArgumentException($"Need at least one bucket, not {buckets}.", nameof(buckets));
        long b = -1, j = 0;
        while (j < buckets)
        {
            b = j;
            key = key * 2862933555777941757UL + 1;
            j = (long)((b + 1) * ((double)(1L << 31) / ((key >> 33) + 1)));
        }
        return (int)b;
    }

    public string Locate(string key) => Locate(KeyHash.Of(key));
    public string Locate(ulong keyHash) => _nodes[Bucket(keyHash, _nodes.Length)];

    /// <summary>Adds <paramref name="node"/> as bucket n.</summary>
    public INodeLocator WithNode(string node) => new JumpConsistentHash(NodeSet.Adding(_nodes, node));

    /// <summary>Removes the last bucket: any other would renumber the buckets after it and move their keys.</summary>
    public INodeLocator WithoutNode(string node)
    {
        var rest = NodeSet.Removing(_nodes, node);
        if (_nodes[^1] != node)
            throw new ArgumentException($"Jump hash can only remove the last bucket ('{_nodes[^1]}'), not '{node}'.", nameof(node));
        return new JumpConsistentHash(rest);
    }
}

namespace Course.Distributed.Hashing;

/// <summary>
/// Rendezvous or highest-random-weight hashing (Thaler &amp; Ravishankar 1998): every node scores the key with a
/// hash of (node, key) and the highest score wins. Removing a node moves only its own keys (each to its
/// second choice) and an added node takes exactly the keys it outscores everywhere, 1/(n+1) of them in
/// expectation, with no virtual nodes; the price is O(n) work per lookup.
/// </summary>
public sealed class RendezvousHashing : INodeLocator
{
    private readonly string[] _nodes;
    private readonly ulong[] _seeds;   // one hash per node, combined with the key's hash to give the weight

    public RendezvousHashing(IEnumerable<string> nodes)
    {
        _nodes = NodeSet.Validate(nodes, nameof(nodes));
        _seeds = _nodes.Select(n => KeyHash.Of(n)).ToArray();
    }

    public IReadOnlyList<string> Nodes => _nodes;

    /// <summary>The weight w(node, key). Mix is a bijection, so distinct nodes never tie on one key unless their seeds collide.</summary>
    public ulong Weight(int node, ulong keyHash) => KeyHash.Mix(_seeds[node] ^ keyHash);

    public string Locate(string key) => Locate(KeyHash.Of(key));

    public string Locate(ulong keyHash)
    {
        var best = 0;
        var bestWeight = Weight(0, keyHash);
        for (var i = 1; i < _seeds.Length; i++)
        {
            var w = KeyHash.Mix(_seeds[i] ^ keyHash);
            // Equal weights (a seed collision) go to the smaller node id, so the answer does not depend on the order.
            if (w > bestWeight || (w == bestWeight && string.CompareOrdinal(_nodes[i], _nodes[best]) < 0))
            {
                best = i;
                bestWeight = w;
            }
        }
        return _nodes[best];
    }

    public INodeLocator WithNode(string node) => new RendezvousHashing(NodeSet.Adding(_nodes, node));
    public INodeLocator WithoutNode(string node) => new RendezvousHashing(NodeSet.Removing(_nodes, node));
}

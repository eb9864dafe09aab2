using Course.Simulation;

namespace Course.Distributed.Partitioning;

/// <summary>
/// A consistent-hashing ring with virtual nodes (Dynamo §4.2): each node owns several tokens; a key's
/// preference list is the first N distinct nodes clockwise from the key's hash. The walk continues past N
/// for the sloppy quorum's fallback nodes.
/// </summary>
public sealed class DynamoRing
{
    private readonly (ulong Token, NodeId Node)[] _tokens;
    private readonly Dictionary<string, NodeId[]> _walks = new(StringComparer.Ordinal);

    public DynamoRing(IReadOnlyList<NodeId> nodes, int virtualNodes = 8)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0) throw new ArgumentException("The ring needs at least one node.", nameof(nodes));
        if (virtualNodes < 1) throw new ArgumentOutOfRangeException(nameof(virtualNodes), virtualNodes, "virtualNodes must be at least 1.");
        Nodes = [.. nodes];
        _tokens = nodes.SelectMany(n => Enumerable.Range(0, virtualNodes).Select(v => (KeyHash.Of($"{n}#{v}"), n)))
            .OrderBy(t => t.Item1).ThenBy(t => t.n.Value).ToArray();
    }

    public IReadOnlyList<NodeId> Nodes { get; }

    /// <summary>Every node, in the order met walking clockwise from the key's position.</summary>
    public IReadOnlyList<NodeId> Walk(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_walks.TryGetValue(key, out var cached)) return cached;
        var hash = KeyHash.Of(key);
        int lo = 0, hi = _tokens.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_tokens[mid].Token < hash) lo = mid + 1; else hi = mid;
        }
        var walk = new List<NodeId>(Nodes.Count);
        for (var i = 0; i < _tokens.Length && walk.Count < Nodes.Count; i++)
        {
            var node = _tokens[(lo + i) % _tokens.Length].Node;
            if (!walk.Contains(node)) walk.Add(node);
        }
        var result = walk.ToArray();
        if (_walks.Count < 100_000) _walks[key] = result;
        return result;
    }

    /// <summary>The <paramref name="n"/> nodes that own the key.</summary>
    public IReadOnlyList<NodeId> PreferenceList(string key, int n) => Walk(key).Take(n).ToArray();
}

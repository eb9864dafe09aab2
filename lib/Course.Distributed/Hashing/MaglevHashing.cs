namespace Course.Distributed.Hashing;

/// <summary>
/// Maglev hashing (Eisenbud et al., NSDI 2016, §3.4): each node has a permutation of the M slots of a lookup
/// table, permutation[j] = (offset + j·skip) mod M, and the nodes take turns claiming their next unclaimed
/// preferred slot until the table is full. So every node gets ⌊M/N⌋ or ⌈M/N⌉ slots (near-perfect balance)
/// and a lookup is one table read. M must be prime, so that every skip in 1..M-1 makes a full permutation;
/// the paper picks M ≫ N (65537 by default, M ≥ 100·N for small disruption).
/// The price against a ring: when a node leaves, a few slots of surviving nodes change owner too.
/// </summary>
public sealed class MaglevHashing : INodeLocator
{
    /// <summary>The paper's small table size.</summary>
    public const int DefaultTableSize = 65537;

    private readonly string[] _nodes;
    private readonly int[] _table;   // _table[slot]: index into _nodes

    public MaglevHashing(IEnumerable<string> nodes, int tableSize = DefaultTableSize)
    {
        _nodes = NodeSet.Validate(nodes, nameof(nodes));
        if (tableSize < _nodes.Length)
            throw new ArgumentException($"The lookup table ({tableSize} slots) must have at least one slot per node ({_nodes.Length}).", nameof(tableSize));
        if (!IsPrime(tableSize))
            throw new ArgumentException($"The lookup table size must be prime so every skip gives a full permutation; {tableSize} is not.", nameof(tableSize));
        TableSize = tableSize;
        _table = Populate(_nodes, tableSize);
    }

    public IReadOnlyList<string> Nodes => _nodes;
    public int TableSize { get; }

    /// <summary>The owner of every slot (for drawing the table, or counting the slots that change).</summary>
    public IReadOnlyList<string> Table => _table.Select(i => _nodes[i]).ToArray();

    /// <summary>How many slots each node owns.</summary>
    public IReadOnlyDictionary<string, int> SlotsPerNode =>
        _nodes.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => _table.Count(t => t == p.i), StringComparer.Ordinal);

    public string Locate(string key) => Locate(KeyHash.Of(key));

    /// <summary>
    /// One table read. The slot is ⌊hash·M / 2^64⌋ (Lemire's multiply-shift) rather than the paper's hash mod M:
    /// as uniform for a good hash, and a multiplication instead of a 64-bit division.
    /// </summary>
    public string Locate(ulong keyHash) => _nodes[_table[(int)Math.BigMul(keyHash, (ulong)TableSize, out _)]];

    public INodeLocator WithNode(string node) => new MaglevHashing(NodeSet.Adding(_nodes, node), TableSize);
    public INodeLocator WithoutNode(string node) => new MaglevHashing(NodeSet.Removing(_nodes, node), TableSize);

    /// <summary>The paper's Pseudocode 1, computing permutation entries on demand instead of storing N×M of them.</summary>
    private static int[] Populate(string[] nodes, int m)
    {
        var offset = new long[nodes.Length];
        var skip = new long[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            // Two hash functions of the node's name (the paper's h1, h2): here one hash under two seeds.
            offset[i] = (long)(KeyHash.Of(nodes[i], 0xA1) % (ulong)m);
            skip[i] = (long)(KeyHash.Of(nodes[i], 0xB2) % (ulong)(m - 1)) + 1;
        }
        var next = new long[nodes.Length];
        var table = new int[m];
        Array.Fill(table, -1);
        var filled = 0;
        while (true)
        {
            for (var i = 0; i < nodes.Length; i++)
            {
                var c = (offset[i] + next[i] * skip[i]) % m;
                while (table[c] >= 0)
                {
                    next[i]++;
                    c = (offset[i] + next[i] * skip[i]) % m;
                }
                table[c] = i;
                next[i]++;
                if (++filled == m) return table;
            }
        }
    }

    internal static bool IsPrime(int n)
    {
        if (n < 2) return false;
        if (n % 2 == 0) return n == 2;
        for (var d = 3; (long)d * d <= n; d += 2)
            if (n % d == 0) return false;
        return true;
    }
}

using Course.Distributed.Cap;

namespace Course.Distributed.Partitioning;

/// <summary>
/// A Merkle tree over a replica's keys (Dynamo §4.7): leaf i hashes the keys whose hash falls in the i-th
/// of 2^depth equal ranges of the hash space; each inner node hashes its two children. Two replicas compare
/// roots, then descend only into differing subtrees, so they exchange hashes and keys in proportion to how
/// much they differ, not to how much they store.
/// </summary>
public sealed class MerkleTree
{
    private readonly ulong[][] _levels; // _levels[0] = [root], _levels[Depth] = leaves

    private MerkleTree(ulong[][] levels) => _levels = levels;

    public int Depth => _levels.Length - 1;
    public int Leaves => _levels[^1].Length;
    public ulong Root => _levels[0][0];

    public ulong Hash(int level, int index) => _levels[level][index];

    /// <summary>The leaf (hash range) a key belongs to.</summary>
    public static int BucketOf(string key, int depth) => depth == 0 ? 0 : (int)(KeyHash.Of(key) >> (64 - depth));

    public static MerkleTree Build(IEnumerable<KeyValuePair<string, IReadOnlyList<Sibling>>> entries, int depth)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (depth is < 0 or > 16) throw new ArgumentOutOfRangeException(nameof(depth), depth, "depth must be in [0, 16].");
        var leaves = new ulong[1 << depth];
        foreach (var (key, siblings) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (siblings.Count == 0) continue;
            var bucket = BucketOf(key, depth);
            leaves[bucket] = KeyHash.Combine(leaves[bucket] == 0 ? 1 : leaves[bucket], EntryHash(key, siblings));
        }
        var levels = new ulong[depth + 1][];
        levels[depth] = leaves;
        for (var level = depth - 1; level >= 0; level--)
        {
            var below = levels[level + 1];
            levels[level] = new ulong[below.Length / 2];
            for (var i = 0; i < levels[level].Length; i++)
                levels[level][i] = below[2 * i] == 0 && below[2 * i + 1] == 0 ? 0 : KeyHash.Combine(below[2 * i], below[2 * i + 1]);
        }
        return new MerkleTree(levels);
    }

    /// <summary>The hash of one key's versions: the same set of writes hashes the same on every replica.</summary>
    public static ulong EntryHash(string key, IReadOnlyList<Sibling> siblings) =>
        KeyHash.Of(key + "\n" + string.Join("\n", siblings.Select(s => $"{s.Version}={s.Value}").Order(StringComparer.Ordinal)));
}

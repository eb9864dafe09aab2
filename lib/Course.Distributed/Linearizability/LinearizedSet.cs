namespace Course.Distributed.Linearizability;

/// <summary>
/// The set of operations linearized so far, as a bit set with an incrementally maintained Zobrist hash
/// (one random 64-bit key per operation, XORed in and out), so memoization costs O(1) per step to hash.
/// </summary>
internal sealed class LinearizedSet
{
    private readonly ulong[] bits;

    public LinearizedSet(int operations) => bits = new ulong[(operations + 63) / 64];

    public ulong Hash { get; private set; }

    /// <summary>The live words: valid only until the next change.</summary>
    public ulong[] Words => bits;

    public void Add(int op)
    {
        bits[op >> 6] |= 1UL << op;
        Hash ^= Key(op);
    }

    public void Remove(int op)
    {
        bits[op >> 6] &= ~(1UL << op);
        Hash ^= Key(op);
    }

    public ulong[] Snapshot() => (ulong[])bits.Clone();

    // SplitMix64 of the index: a fixed, well-mixed key per operation, with no random generator to carry around.
    private static ulong Key(int op)
    {
        var z = (ulong)op + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

using System.Numerics;

namespace Course.Distributed.Linearizability;

/// <summary>
/// The set of operations linearized so far: a bit set with an incrementally maintained Zobrist hash (one random 64-bit
/// key per operation, XORed in and out), so hashing a configuration costs O(1) per step.
/// </summary>
/// <remarks>
/// Operations are numbered in call order, so the set is nearly always "everything below a watermark, plus a few above".
/// A snapshot keeps only the words from the watermark's word to the highest set word: exact, canonical, and as small as
/// the concurrency rather than the history (a full copy per configuration made a 10,000-operation check allocate gigabytes).
/// </remarks>
internal sealed class LinearizedSet
{
    private readonly ulong[] bits;
    private readonly int count;
    private int low; // every operation below it is linearized, and it is not (or it equals count)
    private int top = -1; // the highest word with a bit set

    public LinearizedSet(int operations)
    {
        count = operations;
        bits = new ulong[(operations + 63) / 64];
    }

    public ulong Hash { get; private set; }

    /// <summary>The live words from the watermark up: valid only until the next change.</summary>
    public Window Live => new(bits, low >> 6, low >> 6, Math.Max(0, top - (low >> 6) + 1));

    public void Add(int op)
    {
        bits[op >> 6] |= 1UL << op;
        Hash ^= Key(op);
        top = Math.Max(top, op >> 6);
        if (op == low)
            AdvanceLow();
    }

    public void Remove(int op)
    {
        bits[op >> 6] &= ~(1UL << op);
        Hash ^= Key(op);
        low = Math.Min(low, op);
        while (top >= 0 && bits[top] == 0)
            top--;
    }

    public Window Snapshot()
    {
        var live = Live;
        return new Window(live.Span.ToArray(), 0, live.FirstWord, live.Length);
    }

    private void AdvanceLow()
    {
        // The bits below low are all set, so the first unset bit at or above low's word is the new watermark.
        var word = low >> 6;
        while (word < bits.Length)
        {
            var unset = ~bits[word];
            if (unset != 0)
            {
                low = Math.Min(count, (word << 6) + BitOperations.TrailingZeroCount(unset));
                return;
            }

            word++;
            low = word << 6;
        }

        low = count;
    }

    // SplitMix64 of the index: a fixed, well-mixed key per operation, with no random generator to carry around.
    private static ulong Key(int op)
    {
        var z = (ulong)op + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// Words [FirstWord, FirstWord + Length) of a set, stored in <see cref="Words"/> from <see cref="Offset"/>
    /// (the live array, or a copy of just the window); all words below FirstWord are full. Equal sets give equal windows.
    /// </summary>
    internal readonly record struct Window(ulong[] Words, int Offset, int FirstWord, int Length)
    {
        public ReadOnlySpan<ulong> Span => Words.AsSpan(Offset, Length);

        public bool SameSet(Window other) => FirstWord == other.FirstWord && Span.SequenceEqual(other.Span);
    }
}

using System.Numerics;
using Course.Simulation;

namespace Course.Caching.Policies;

/// <summary>
/// TinyLFU's approximate frequency histogram (Einziger, Friedman &amp; Manes, "TinyLFU: A Highly Efficient Cache
/// Admission Policy", ACM TOS 2017, §3): a count-min sketch of 4 rows of 4 × the cache size counters each (Caffeine's
/// total of 16 counters per entry; 1× measured ~1 point of hit ratio worse), capped at 15 (4 bits' worth), incremented conservatively (only the counters at the row minimum, §3.2 "minimal
/// increment"). After <see cref="SampleSize"/> increments every counter is halved (the paper's "reset", §3.3): old
/// popularity fades, so a formerly hot key cannot squat forever. Keys are hashed with the key type's own hash,
/// re-mixed per row; int keys give the same run everywhere (string hashes are randomised per process).
/// </summary>
public sealed class CountMinSketch<TKey> where TKey : notnull
{
    public const int MaxCount = 15;
    private const int Depth = 4;
    private static readonly ulong[] RowSeeds = [0x9E3779B97F4A7C15UL, 0xC2B2AE3D27D4EB4FUL, 0x165667B19E3779F9UL, 0xD6E8FEB86659FD93UL];
    private readonly byte[][] _rows;
    private readonly int _mask;

    public CountMinSketch(int expectedEntries, int sampleFactor = 10)
    {
        Guard.Positive(expectedEntries, nameof(expectedEntries));
        Guard.Positive(sampleFactor, nameof(sampleFactor));
        var width = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 4 * expectedEntries));
        _rows = Enumerable.Range(0, Depth).Select(_ => new byte[width]).ToArray();
        _mask = width - 1;
        SampleSize = (long)sampleFactor * expectedEntries;
    }

    /// <summary>Increments between resets (W in the paper; 10 × the cache size by default, as in Caffeine).</summary>
    public long SampleSize { get; }

    /// <summary>Increments since the last reset (halved by a reset, as the paper's counter is).</summary>
    public long Additions { get; private set; }

    public int Resets { get; private set; }

    public int Estimate(TKey key)
    {
        var hash = BaseHash(key);
        var min = int.MaxValue;
        for (var row = 0; row < Depth; row++) min = Math.Min(min, _rows[row][Index(hash, row)]);
        return min;
    }

    public void Increment(TKey key)
    {
        var hash = BaseHash(key);
        var min = Estimate(key);
        if (min == MaxCount) return;
        for (var row = 0; row < Depth; row++)
        {
            ref var counter = ref _rows[row][Index(hash, row)];
            if (counter == min) counter++; // conservative update: never overshoot the estimate
        }
        if (++Additions >= SampleSize) Reset();
    }

    /// <summary>Halve every counter: the aging step that keeps the histogram a sliding window.</summary>
    public void Reset()
    {
        foreach (var row in _rows)
            for (var i = 0; i < row.Length; i++) row[i] >>= 1;
        Additions /= 2;
        Resets++;
    }

    internal int MaxCounter() => _rows.Max(r => (int)r.Max());

    private static ulong BaseHash(TKey key) => (ulong)(uint)EqualityComparer<TKey>.Default.GetHashCode(key);

    private int Index(ulong hash, int row)
    {
        var z = (hash + RowSeeds[row]) * 0xBF58476D1CE4E5B9UL; // SplitMix64 finaliser, one seed per row
        z = (z ^ (z >> 31)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 29)) & (ulong)_mask);
    }
}

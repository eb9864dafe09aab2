namespace Course.Distributed.Partitioning;

/// <summary>Maps a key to one of <see cref="Partitions"/> partitions (DDIA ch. 6).</summary>
public interface IPartitioner
{
    int Partitions { get; }
    int PartitionOf(string key);
}

/// <summary>
/// Partitioning by hash of key: the 64-bit hash space is cut into equal ranges, one per partition. Spreads
/// any key distribution evenly (even sequential keys), but range scans must ask every partition.
/// </summary>
public sealed class HashPartitioner : IPartitioner
{
    public HashPartitioner(int partitions) =>
        Partitions = partitions >= 1 ? partitions : throw new ArgumentOutOfRangeException(nameof(partitions), partitions, "partitions must be at least 1.");

    public int Partitions { get; }

    public int PartitionOf(string key) => (int)(((UInt128)KeyHash.Of(key) * (uint)Partitions) >> 64);
}

/// <summary>
/// Partitioning by key range (Bigtable, HBase): partition i holds keys in [bound[i-1], bound[i]) in ordinal
/// order. Range scans are cheap, but keys written in order (timestamps) all land on one partition: a hot spot.
/// </summary>
public sealed class RangePartitioner : IPartitioner
{
    private readonly string[] _bounds; // sorted lower bounds of partitions 1..P-1

    /// <param name="lowerBounds">The first key of partitions 1, 2, …, in increasing ordinal order (partition 0 starts at the empty key).</param>
    public RangePartitioner(IReadOnlyList<string> lowerBounds)
    {
        ArgumentNullException.ThrowIfNull(lowerBounds);
        for (var i = 1; i < lowerBounds.Count; i++)
            if (string.CompareOrdinal(lowerBounds[i - 1], lowerBounds[i]) >= 0)
                throw new ArgumentException("Bounds must be strictly increasing.", nameof(lowerBounds));
        _bounds = [.. lowerBounds];
    }

    public int Partitions => _bounds.Length + 1;

    public IReadOnlyList<string> LowerBounds => _bounds;

    public int PartitionOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int lo = 0, hi = _bounds.Length; // number of bounds <= key
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(_bounds[mid], key) <= 0) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>Bounds at the quantiles of a key sample, as HBase pre-splits a table: equal shares of the sample per partition.</summary>
    public static RangePartitioner FromSample(IEnumerable<string> sample, int partitions)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (partitions < 1) throw new ArgumentOutOfRangeException(nameof(partitions), partitions, "partitions must be at least 1.");
        var sorted = sample.Distinct().Order(StringComparer.Ordinal).ToArray();
        if (sorted.Length < partitions) throw new ArgumentException($"Need at least {partitions} distinct keys in the sample.", nameof(sample));
        var bounds = Enumerable.Range(1, partitions - 1).Select(i => sorted[(int)((long)i * sorted.Length / partitions)]).Distinct().ToArray();
        return new RangePartitioner(bounds);
    }
}

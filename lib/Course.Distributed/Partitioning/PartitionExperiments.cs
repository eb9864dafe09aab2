namespace Course.Distributed.Partitioning;

/// <summary>Keys (or requests) per node: what a notebook bar chart shows.</summary>
public sealed record LoadReport(IReadOnlyList<long> PerNode)
{
    public long Total => PerNode.Sum();
    public long Max => PerNode.Count == 0 ? 0 : PerNode.Max();
    public long Min => PerNode.Count == 0 ? 0 : PerNode.Min();
    public double Mean => PerNode.Count == 0 ? 0 : (double)Total / PerNode.Count;

    /// <summary>Max over mean: 1 is perfectly even; n means one node takes everything.</summary>
    public double Imbalance => Mean == 0 ? 0 : Max / Mean;

    /// <summary>The share of all load on the busiest node.</summary>
    public double HottestShare => Total == 0 ? 0 : (double)Max / Total;

    public int HottestNode => PerNode.Count == 0 ? -1 : PerNode.ToList().IndexOf(Max);

    public override string ToString() => $"[{string.Join(", ", PerNode)}] imbalance {Imbalance:F2}";
}

/// <summary>What a rebalance cost: keys moved between nodes, and the load afterwards.</summary>
public sealed record RebalanceResult(string Scheme, int OldNodes, int NewNodes, long Keys, long KeysMoved, int PartitionsMoved, LoadReport LoadAfter)
{
    public double FractionMoved => Keys == 0 ? 0 : (double)KeysMoved / Keys;
    public override string ToString() => $"{Scheme} {OldNodes}→{NewNodes} nodes: {KeysMoved}/{Keys} keys moved ({FractionMoved:P1}), {PartitionsMoved} partitions";
}

/// <summary>
/// Plain functions for the partitioning notebook (DDIA ch. 6): key workloads (uniform, sequential, Zipf),
/// load per node under a partitioner, and the keys moved by hash-mod-N versus fixed-partition rebalancing.
/// </summary>
public static class PartitionExperiments
{
    /// <summary>Random 8-digit keys, uniform over 00000000..99999999.</summary>
    public static IReadOnlyList<string> UniformKeys(int count, int seed)
    {
        NonNegative(count, nameof(count));
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.Next(100_000_000).ToString("D8")).ToArray();
    }

    /// <summary>Consecutive 8-digit keys from <paramref name="start"/>: timestamps, auto-increment ids.</summary>
    public static IReadOnlyList<string> SequentialKeys(int count, int start = 0)
    {
        NonNegative(count, nameof(count));
        return Enumerable.Range(0, count).Select(i => (start + i).ToString("D8")).ToArray();
    }

    /// <summary>
    /// <paramref name="count"/> requests over <paramref name="distinctKeys"/> keys "user-i", key i with weight
    /// 1/(i+1)^s (Zipf): a few celebrities get most of the traffic.
    /// </summary>
    public static IReadOnlyList<string> ZipfKeys(int count, int distinctKeys, double exponent, int seed)
    {
        NonNegative(count, nameof(count));
        if (distinctKeys < 1) throw new ArgumentOutOfRangeException(nameof(distinctKeys), distinctKeys, "distinctKeys must be at least 1.");
        if (!(exponent >= 0)) throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "exponent must be non-negative.");
        var cumulative = new double[distinctKeys];
        var sum = 0.0;
        for (var i = 0; i < distinctKeys; i++) cumulative[i] = sum += 1 / Math.Pow(i + 1, exponent);
        var random = new Random(seed);
        var keys = new string[count];
        for (var r = 0; r < count; r++)
        {
            var at = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            keys[r] = $"user-{Math.Min(at < 0 ? ~at : at, distinctKeys - 1)}";
        }
        return keys;
    }

    /// <summary>Load per node when each key (or request) goes to <paramref name="nodeOf"/>(key).</summary>
    public static LoadReport Load(IEnumerable<string> keys, Func<string, int> nodeOf, int nodes)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(nodeOf);
        if (nodes < 1) throw new ArgumentOutOfRangeException(nameof(nodes), nodes, "nodes must be at least 1.");
        var load = new long[nodes];
        foreach (var key in keys) load[nodeOf(key)]++;
        return new LoadReport(load);
    }

    /// <summary>Load per partition (one partition per node when partitions = nodes).</summary>
    public static LoadReport Load(IEnumerable<string> keys, IPartitioner partitioner)
    {
        ArgumentNullException.ThrowIfNull(partitioner);
        return Load(keys, partitioner.PartitionOf, partitioner.Partitions);
    }

    /// <summary>Load per node with partitions placed by <paramref name="assignment"/>.</summary>
    public static LoadReport Load(IEnumerable<string> keys, IPartitioner partitioner, PartitionAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(partitioner);
        ArgumentNullException.ThrowIfNull(assignment);
        if (assignment.Partitions != partitioner.Partitions)
            throw new ArgumentException("The assignment places a different number of partitions.", nameof(assignment));
        return Load(keys, k => assignment.NodeOf(partitioner.PartitionOf(k)), assignment.Nodes);
    }

    /// <summary>Hash mod N (what DDIA warns against): adding a node moves about (N)/(N+1) of all keys.</summary>
    public static RebalanceResult HashModN(IReadOnlyCollection<string> keys, int oldNodes, int newNodes)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (oldNodes < 1) throw new ArgumentOutOfRangeException(nameof(oldNodes), oldNodes, "oldNodes must be at least 1.");
        if (newNodes < 1) throw new ArgumentOutOfRangeException(nameof(newNodes), newNodes, "newNodes must be at least 1.");
        var moved = keys.LongCount(k => KeyHash.Of(k) % (ulong)oldNodes != KeyHash.Of(k) % (ulong)newNodes);
        var after = Load(keys, k => (int)(KeyHash.Of(k) % (ulong)newNodes), newNodes);
        return new RebalanceResult("hash mod N", oldNodes, newNodes, keys.Count, moved, 0, after);
    }

    /// <summary>
    /// A fixed number of hash partitions, round-robin on <paramref name="oldNodes"/>, then nodes join one at
    /// a time up to <paramref name="newNodes"/>: only the keys of stolen partitions move.
    /// </summary>
    public static RebalanceResult FixedPartitions(IReadOnlyCollection<string> keys, int partitions, int oldNodes, int newNodes)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (newNodes < oldNodes) throw new ArgumentOutOfRangeException(nameof(newNodes), newNodes, "newNodes must be at least oldNodes (nodes join).");
        if (newNodes > partitions) throw new ArgumentOutOfRangeException(nameof(newNodes), newNodes, "Cannot have more nodes than partitions.");
        var partitioner = new HashPartitioner(partitions);
        var before = PartitionAssignment.RoundRobin(partitions, oldNodes);
        var after = before;
        for (var n = oldNodes; n < newNodes; n++) after = after.AddNode().After;
        var partitionMoved = Enumerable.Range(0, partitions).Select(p => before.NodeOf(p) != after.NodeOf(p)).ToArray();
        var moved = keys.LongCount(k => partitionMoved[partitioner.PartitionOf(k)]);
        return new RebalanceResult($"{partitions} fixed partitions", oldNodes, newNodes, keys.Count, moved,
            partitionMoved.Count(m => m), Load(keys, partitioner, after));
    }

    private static void NonNegative(int value, string name)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative.");
    }
}

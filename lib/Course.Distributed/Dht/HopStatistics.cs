namespace Course.Distributed.Dht;

/// <summary>A hop-count (or round-count) distribution, as plain data for a notebook plot.</summary>
public sealed record HopStatistics(int Count, double Mean, int Max, IReadOnlyDictionary<int, int> Distribution)
{
    public static HopStatistics Of(IEnumerable<int> hops)
    {
        ArgumentNullException.ThrowIfNull(hops);
        var list = hops.ToList();
        var distribution = new SortedDictionary<int, int>();
        foreach (var h in list) distribution[h] = distribution.GetValueOrDefault(h) + 1;
        return new HopStatistics(list.Count, list.Count == 0 ? 0 : list.Average(), list.Count == 0 ? 0 : list.Max(), distribution);
    }

    public override string ToString() =>
        $"{Count} lookups, mean {Mean:F2}, max {Max}: " + string.Join(" ", Distribution.Select(kv => $"{kv.Key}:{kv.Value}"));
}

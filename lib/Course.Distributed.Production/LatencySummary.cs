namespace Course.Distributed.Production;

/// <summary>A distribution of latencies in a few numbers (nearest-rank percentiles).</summary>
public sealed record LatencySummary(int Count, TimeSpan Mean, TimeSpan Median, TimeSpan P95, TimeSpan Max)
{
    public static LatencySummary Of(IEnumerable<TimeSpan> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0) return new LatencySummary(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        TimeSpan Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, TimeSpan.FromTicks((long)sorted.Average(s => s.Ticks)), Rank(0.5), Rank(0.95), sorted[^1]);
    }

    public override string ToString() => $"median {Median.TotalMilliseconds:F1} ms, p95 {P95.TotalMilliseconds:F1} ms, max {Max.TotalMilliseconds:F1} ms (n={Count})";
}

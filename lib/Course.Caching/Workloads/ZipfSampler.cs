using Course.Simulation;

namespace Course.Caching.Workloads;

/// <summary>
/// Draws ranks 0..n-1 with P(rank k) ∝ 1/(k+1)^s, by binary search in the cumulative distribution (exact, O(log n)
/// per draw after O(n) set-up). s = 0 is uniform; web and CDN traces measure s ≈ 0.6–1.0 (Breslau et al.,
/// "Web Caching and Zipf-like Distributions", INFOCOM '99). Rank 0 is the hottest key.
/// </summary>
public sealed class ZipfSampler
{
    private readonly double[] _cumulative;

    public ZipfSampler(int items, double skew)
    {
        Guard.Positive(items, nameof(items));
        if (skew < 0 || !double.IsFinite(skew)) throw new ArgumentOutOfRangeException(nameof(skew), skew, "skew must be a finite number ≥ 0.");
        Items = items;
        Skew = skew;
        _cumulative = new double[items];
        var sum = 0.0;
        for (var k = 0; k < items; k++) _cumulative[k] = sum += 1 / Math.Pow(k + 1, skew);
        for (var k = 0; k < items; k++) _cumulative[k] /= sum;
    }

    public int Items { get; }
    public double Skew { get; }

    /// <summary>The probability of rank k.</summary>
    public double Probability(int rank) => _cumulative[rank] - (rank == 0 ? 0 : _cumulative[rank - 1]);

    public int Next(Random random)
    {
        var u = random.NextDouble();
        var index = Array.BinarySearch(_cumulative, u);
        return Math.Min(index >= 0 ? index : ~index, Items - 1); // ~index: the first bucket above u
    }
}

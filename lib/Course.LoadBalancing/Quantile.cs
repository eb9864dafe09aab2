namespace Course.LoadBalancing;

/// <summary>The nearest-rank quantile every report here uses (p99 = the value below which 99% of samples fall, one of the samples).</summary>
public static class Quantile
{
    public static double NearestRank(IReadOnlyList<double> sorted, double q)
    {
        if (!(q is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile is in (0, 1].");
        return sorted.Count == 0 ? double.NaN : sorted[(int)Math.Ceiling(q * sorted.Count) - 1];
    }
}

namespace Course.Benchmarks;

/// <summary>Helpers for the timed tables (the BenchmarkDotNet classes have their own statistics).</summary>
internal static class TableStatistics
{
    /// <summary>The middle value (mean of the two middle ones for an even count): robust to one disturbed run.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("no values", nameof(values));
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

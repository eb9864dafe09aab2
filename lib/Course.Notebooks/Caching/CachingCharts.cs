using Course.Caching;
using Plotly.NET;

namespace Course.Notebooks.Caching;

/// <summary>Week 5's charts and tables: hit ratio against cache size and over time, page latency with and without a cache.</summary>
public static class CachingCharts
{
    /// <summary>One line per policy: hit ratio (%) against cache size, from <see cref="CacheSimulator.Sweep"/>.</summary>
    public static GenericChart HitRatioCurves(string title, IEnumerable<ReplayResult> sweep) =>
        Charts.Lines(title, "cache size (entries)", "hit ratio (%)",
            sweep.GroupBy(r => r.Policy).Select(g =>
            {
                var points = g.OrderBy(r => r.Capacity).ToArray();
                return Charts.Series.Of(g.Key, points.Select(r => (double)r.Capacity), points.Select(r => 100 * r.HitRatio));
            }).ToArray());

    /// <summary>The same sweep as a table: a row per policy, a column per size.</summary>
    public static Table SweepTable(string caption, IEnumerable<ReplayResult> sweep)
    {
        var all = sweep.ToArray();
        var sizes = all.Select(r => r.Capacity).Distinct().Order().ToArray();
        var table = new Table(caption, ["policy", .. sizes.Select(s => $"{s:N0}")]);
        foreach (var g in all.GroupBy(r => r.Policy))
            table.Add([g.Key, .. sizes.Select(s => g.FirstOrDefault(r => r.Capacity == s) is { } r ? r.HitRatio.ToString("P1") : "")]);
        return table;
    }

    /// <summary>Hit ratio over a sliding block of <paramref name="window"/> requests, from replays that recorded their sequence.</summary>
    public static GenericChart HitRatioOverTime(string title, int window, params ReplayResult[] runs)
    {
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), window, "window must be at least one request.");
        return Charts.Lines(title, "request", $"hit ratio over the last {window:N0} requests (%)", runs.Select(run =>
        {
            var hits = run.HitSequence ?? throw new ArgumentException($"Replay {run.Policy} with recordSequence: true.", nameof(runs));
            var x = new List<double>();
            var y = new List<double>();
            for (var end = window; end <= hits.Count; end += window)
            {
                x.Add(end);
                y.Add(100.0 * hits.Skip(end - window).Take(window).Count(h => h) / window);
            }
            return Charts.Series.Of(run.Policy, x, y);
        }).ToArray());
    }

    /// <summary>The distribution of page latencies: the share of pages (y) served within x ms.</summary>
    public static GenericChart LatencyCdf(string title, params PageLatencyResult[] results) =>
        Charts.Lines(title, "page latency (ms)", "pages served within (%)", results.Select(r =>
        {
            var sorted = r.PageMilliseconds.Order().ToArray();
            var step = Math.Max(1, sorted.Length / 200); // ~200 points per line is plenty
            var idx = Enumerable.Range(0, sorted.Length).Where(i => i % step == 0 || i == sorted.Length - 1).ToArray();
            return Charts.Series.Of(r.Label, idx.Select(i => sorted[i]), idx.Select(i => 100.0 * (i + 1) / sorted.Length));
        }).ToArray());

    public static Table LatencyTable(string caption, params PageLatencyResult[] results)
    {
        var table = new Table(caption, "setup", "hit ratio", "mean", "p50", "p95", "p99");
        foreach (var r in results)
            table.Add(r.Label, r.Label == "no cache" ? "—" : r.HitRatio.ToString("P1"), Ms(r.Mean), Ms(r.Percentile(0.5)), Ms(r.Percentile(0.95)), Ms(r.Percentile(0.99)));
        return table;
    }

    private static string Ms(double ms) => $"{ms:F1} ms";
}

using Course.Simulation;

namespace Course.Caching;

/// <summary>
/// A page built from <paramref name="LookupsPerPage"/> sequential key lookups (product, price, stock, …). Without a
/// cache each lookup is a database round trip; with one, a hit costs a cache round trip and a miss costs the cache
/// round trip, the database and a second cache round trip to fill it (cache-aside).
/// </summary>
public sealed record PageLatencyModel(int LookupsPerPage, Latency CacheRoundTrip, Latency DatabaseRoundTrip)
{
    /// <summary>Loopback Redis-like 0.2–0.5 ms; a database 2 ms plus an exponential tail of mean 8 ms.</summary>
    public static PageLatencyModel Typical { get; } = new(10,
        Latency.Uniform(TimeSpan.FromMilliseconds(0.2), TimeSpan.FromMilliseconds(0.5)),
        Latency.Exponential(TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(8)));
}

/// <summary>Simulated page latencies (ms, in page order) and the hit ratio that produced them.</summary>
public sealed record PageLatencyResult(string Label, double HitRatio, IReadOnlyList<double> PageMilliseconds)
{
    /// <summary>The q-quantile by nearest rank (q = 0.99 is p99).</summary>
    public double Percentile(double q)
    {
        Guard.Probability(q, nameof(q));
        var sorted = PageMilliseconds.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public double Mean => PageMilliseconds.Count == 0 ? 0 : PageMilliseconds.Average();
}

/// <summary>
/// Serves a trace as pages, with or without a cache, sampling every round trip from the model's latency
/// distributions with one seeded generator (same seed, same latencies). Latency here is arithmetic on sampled
/// durations: nothing sleeps.
/// </summary>
public static class PageLatency
{
    public static PageLatencyResult Simulate(PageLatencyModel model, IReadOnlyList<int> trace, ICache<int, int>? cache, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(trace);
        Guard.Positive(model.LookupsPerPage, nameof(model.LookupsPerPage));
        var random = new Random(seed);
        double Ms(Latency l) => l.Sample(random).TotalMilliseconds;
        var pages = new List<double>(trace.Count / model.LookupsPerPage + 1);
        for (var start = 0; start < trace.Count; start += model.LookupsPerPage)
        {
            var total = 0.0;
            for (var i = start; i < Math.Min(start + model.LookupsPerPage, trace.Count); i++)
            {
                if (cache is null) { total += Ms(model.DatabaseRoundTrip); continue; }
                total += Ms(model.CacheRoundTrip);
                if (cache.TryGet(trace[i], out _)) continue;
                total += Ms(model.DatabaseRoundTrip) + Ms(model.CacheRoundTrip);
                cache.Set(trace[i], trace[i]);
            }
            pages.Add(total);
        }
        return new PageLatencyResult(cache is null ? "no cache" : $"{cache.Name}, {cache.Capacity:N0} entries", cache?.Stats.HitRatio ?? 0, pages);
    }
}

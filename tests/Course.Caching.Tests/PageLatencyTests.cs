using Course.Caching.Policies;
using Course.Simulation;

namespace Course.Caching.Tests;

public class PageLatencyTests
{
    private static readonly PageLatencyModel Constant = new(2, Latency.Constant(TimeSpan.FromMilliseconds(1)), Latency.Constant(TimeSpan.FromMilliseconds(10)));

    [Fact]
    public void Pages_cost_database_trips_without_a_cache_and_cache_aside_trips_with_one()
    {
        int[] trace = [1, 1, 2, 1];
        // No cache: 2 × 10 ms per page. LRU(2): page 1 = miss (1+10+1) + hit (1) = 13; page 2 = miss 12 + hit 1 = 13.
        Assert.Equal([20.0, 20.0], PageLatency.Simulate(Constant, trace, null, seed: 1).PageMilliseconds);
        var cached = PageLatency.Simulate(Constant, trace, new LruCache<int, int>(2), seed: 1);
        Assert.Equal([13.0, 13.0], cached.PageMilliseconds);
        Assert.Equal(0.5, cached.HitRatio);
    }

    [Fact]
    public void Percentiles_by_nearest_rank()
    {
        var result = new PageLatencyResult("x", 0, [5, 1, 4, 2, 3, 10, 6, 7, 8, 9]);
        Assert.Equal(5, result.Percentile(0.5));
        Assert.Equal(9, result.Percentile(0.9));
        Assert.Equal(10, result.Percentile(0.99));
        Assert.Throws<ArgumentOutOfRangeException>(() => result.Percentile(1.5));
    }

    [Fact]
    public void Same_seed_same_latencies()
    {
        var trace = Workloads.Workloads.Zipf(1000, 0.9, 5000, seed: 3).Trace;
        var a = PageLatency.Simulate(PageLatencyModel.Typical, trace, new WTinyLfuCache<int, int>(100), seed: 8);
        var b = PageLatency.Simulate(PageLatencyModel.Typical, trace, new WTinyLfuCache<int, int>(100), seed: 8);
        Assert.Equal(a.PageMilliseconds, b.PageMilliseconds);
        Assert.True(a.Percentile(0.5) < PageLatency.Simulate(PageLatencyModel.Typical, trace, null, seed: 8).Percentile(0.5));
    }
}

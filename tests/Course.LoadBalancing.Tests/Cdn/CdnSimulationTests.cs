using Course.LoadBalancing.Cdn;
using Xunit.Abstractions;

namespace Course.LoadBalancing.Tests.Cdn;

public class CdnSimulationTests(ITestOutputHelper output)
{
    private static TimeSpan S(double s) => TimeSpan.FromSeconds(s);

    private CdnRun Run(CdnConfig config, int seed = 1)
    {
        var r = CdnSimulation.Run(config, seed);
        output.WriteLine($"seed={seed} ttl={config.Ttl.TotalSeconds}s tiered={config.Tiered} fill={config.Fill} key={config.CacheKey} swr={config.StaleWhileRevalidate.TotalSeconds}s: " +
            $"n={r.Requests} edge hit={r.EdgeHitRatio:P1} origin={r.OriginLoadPerSecond:F1}/s mean={r.MeanLatencyMs:F1} ms p95={r.P95LatencyMs:F1} ms stale={r.StaleFraction:P2}");
        return r;
    }

    [Fact]
    public void HitRatioRisesAndOriginLoadFallsWithTtl()
    {
        var runs = new[] { 1, 10, 60, 600 }.Select(t => Run(CdnConfig.Default(S(t)))).ToArray();
        for (var i = 1; i < runs.Length; i++)
        {
            Assert.True(runs[i].EdgeHitRatio > runs[i - 1].EdgeHitRatio, $"hit ratio should rise with TTL (step {i})");
            Assert.True(runs[i].OriginFetches < runs[i - 1].OriginFetches, $"origin load should fall with TTL (step {i})");
            Assert.True(runs[i].MeanLatencyMs < runs[i - 1].MeanLatencyMs, $"mean latency should fall with TTL (step {i})");
        }
        // The price of a long TTL: more answers older than the origin's current version.
        Assert.True(runs[^1].StaleFraction > runs[0].StaleFraction);
    }

    [Fact]
    public void APurgeDropsTheHitRatioThenItRecovers()
    {
        var r = Run(CdnConfig.Default(S(600)) with { Purges = [S(300)], MeanUpdateInterval = null });
        var before = r.Timeline[29];   // 290–300 s
        var after = r.Timeline[30];    // 300–310 s
        var later = r.Timeline[^1];
        output.WriteLine($"hit ratio before {before.HitRatio:P1}, just after {after.HitRatio:P1}, at the end {later.HitRatio:P1}; origin fetches {before.OriginFetches} -> {after.OriginFetches}");
        Assert.True(after.HitRatio < before.HitRatio - 0.1, "the bucket after the purge should lose > 10 points of hit ratio");
        Assert.True(after.OriginFetches > 3 * before.OriginFetches, "the purge should send a wave of misses to the origin");
        Assert.True(later.HitRatio > after.HitRatio + 0.05, "the hit ratio should recover");
    }

    [Fact]
    public void NormalisingTheQueryStringRaisesTheHitRatio()
    {
        var full = Run(CdnConfig.Default() with { CacheKey = CacheKeyPolicy.FullUrl });
        var normalised = Run(CdnConfig.Default() with { CacheKey = CacheKeyPolicy.IgnoreQuery });
        Assert.True(normalised.EdgeHitRatio > full.EdgeHitRatio + 0.1);
    }

    // An origin shield: the edges' misses meet in one regional cache, so the origin sees each object once per region per TTL.
    [Fact]
    public void TieredCachingCutsOriginLoad()
    {
        var flat = Run(CdnConfig.Default() with { Tiered = false });
        var tiered = Run(CdnConfig.Default() with { Tiered = true });
        Assert.True(tiered.OriginFetches < flat.OriginFetches * 0.85, $"tiered {tiered.OriginFetches} vs flat {flat.OriginFetches}");
        // Not free: an edge copy filled from the shield inherits the shield copy's age (RFC 9111 §4.2.3), so it expires
        // sooner than one fetched fresh from the origin, and the edges hit slightly less often.
        Assert.InRange(flat.EdgeHitRatio - tiered.EdgeHitRatio, 0.001, 0.05);
    }

    [Fact]
    public void StaleWhileRevalidateAnswersAtTheEdgeInsteadOfWaiting()
    {
        var plain = Run(CdnConfig.Default(S(10)));
        var swr = Run(CdnConfig.Default(S(10)) with { StaleWhileRevalidate = S(60) });
        Assert.True(swr.ServedBy[ServedFrom.EdgeStale] > 0);
        Assert.True(swr.EdgeHitRatio > plain.EdgeHitRatio + 0.05);
        Assert.True(swr.MeanLatencyMs < plain.MeanLatencyMs);
        Assert.Equal(0, plain.ServedBy[ServedFrom.EdgeStale]);
    }

    [Fact]
    public void PushServesEverythingFromTheEdgeAtThePriceOfPushingEverything()
    {
        var config = CdnConfig.Default() with { Fill = FillMode.Push, MeanUpdateInterval = null, QueryVariants = 1 };
        var push = Run(config);
        Assert.Equal(1.0, push.EdgeHitRatio);
        Assert.Equal(10_000 * 6, push.OriginFetches);   // every object to each of the 6 edges, once
        Assert.Equal(0, push.StaleAnswers);
    }

    // Hand-computable: one region, one edge, no tier, one object, TTL 10 s, 600 s: the origin is asked once per expiry.
    [Fact]
    public void OneObjectIsFetchedOncePerTtl()
    {
        var config = new CdnConfig([new CdnRegion("r", 1, 1, S(0.005), S(0.01), S(0.05))], S(10), objects: 1, requestsPerSecond: 50, duration: S(600))
            { Tiered = false, MeanUpdateInterval = null };
        var r = Run(config);
        // Each fetch happens at the first request after an expiry: ~ every 10 s + the wait for the next request (mean 20 ms).
        Assert.InRange(r.OriginFetches, 59, 61);
    }

    [Fact]
    public void TheSameSeedGivesTheSameRun() =>
        Assert.Equal(Run(CdnConfig.Default(), 5), Run(CdnConfig.Default(), 5), new CdnRunComparer());

    [Fact]
    public void BadConfigurationFailsWhenItIsBuilt()
    {
        Assert.Throws<ArgumentException>(() => new CdnConfig([], S(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => CdnConfig.Default(S(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CdnConfig(CdnConfig.Default().Regions, S(1), zipfExponent: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => CdnConfig.Default() with { QueryVariants = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new CdnRegion("r", 0, 1, S(0), S(0), S(0)));
    }

    private sealed class CdnRunComparer : IEqualityComparer<CdnRun>
    {
        public bool Equals(CdnRun? a, CdnRun? b) => a is not null && b is not null && a.Requests == b.Requests && a.OriginFetches == b.OriginFetches
            && a.MeanLatencyMs == b.MeanLatencyMs && a.StaleAnswers == b.StaleAnswers && a.Timeline.SequenceEqual(b.Timeline);
        public int GetHashCode(CdnRun r) => r.Requests;
    }
}

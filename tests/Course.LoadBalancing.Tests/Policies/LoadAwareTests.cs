using Course.LoadBalancing.Policies;
using Xunit.Abstractions;
using static Course.LoadBalancing.Tests.Policies.Drive;

namespace Course.LoadBalancing.Tests.Policies;

public class LoadAwareTests(ITestOutputHelper output)
{
    // Random in-flight states; the pick must be a backend holding the minimum. The oracle is a plain Min over the list.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void LeastConnectionsNeverPicksABackendWithMoreInFlightThanTheLeast(int seed)
    {
        var random = new Random(seed);
        var policy = new LeastConnections();
        for (var round = 0; round < 500; round++)
        {
            var pool = BackendState.Pool(Enumerable.Range(0, random.Next(1, 12)).Select(i => $"b{i}").ToArray());
            foreach (var b in pool)
                for (var k = random.Next(6); k > 0; k--) b.RequestStarted(TimeSpan.Zero);
            var picked = policy.Pick(pool, At(random))!;
            Assert.True(picked.InFlight == pool.Min(b => b.InFlight),
                $"seed={seed} round={round}: picked {picked} although min in flight is {pool.Min(b => b.InFlight)}");
        }
    }

    [Fact]
    public void LeastConnectionsSharesTiesEvenly()
    {
        var picks = Ids(new LeastConnections(), BackendState.Pool("a", "b", "c", "d"), 4000, seed: 5);
        Assert.All(picks.GroupBy(p => p), g => Assert.InRange(g.Count(), 900, 1100));
    }

    // Balls into bins (Azar, Broder, Karlin & Upfal 1994; Mitzenmacher 2001): n balls into n bins. One random choice: the
    // fullest bin holds about ln n / ln ln n (≈ 3.6 at n = 1000; with lower-order terms the observed maximum is 5–7);
    // two choices: ln ln n / ln 2 + O(1) (≈ 2.8, observed 3–4).
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void PowerOfTwoChoicesMaxLoadIsFarBelowRandoms(int seed)
    {
        const int n = 1000;
        var random = MaxLoad(new RandomChoice(), n, n, seed);
        var p2c = MaxLoad(new PowerOfTwoChoices(), n, n, seed);
        var lnN = Math.Log(n);
        output.WriteLine($"seed={seed} n={n}: max load random={random} (ln n/ln ln n = {lnN / Math.Log(lnN):F2}), P2C={p2c} (ln ln n/ln 2 = {Math.Log(lnN) / Math.Log(2):F2})");
        Assert.InRange(random, (int)Math.Ceiling(lnN / Math.Log(lnN)), 9);
        Assert.InRange(p2c, 2, (int)Math.Ceiling(Math.Log(lnN) / Math.Log(2)) + 1);
        Assert.True(p2c < random, $"seed={seed}: P2C {p2c} vs random {random}");
    }

    // The heavily loaded case (Berenbrink, Czumaj, Steger & Vöcking 2000): with m = k·n balls, random's excess over the
    // average m/n grows like √(k·ln n), while two choices keep it at ln ln n / ln 2 + O(1), whatever k is.
    [Fact]
    public void UnderHeavyLoadRandomsExcessGrowsWhileP2CsStaysFlat()
    {
        const int seed = 9, n = 100;
        double Excess(Func<ILoadBalancingPolicy> policy, int k) =>
            Enumerable.Range(0, 3).Average(s => MaxLoad(policy(), n, k * n, seed + s)) - k;
        var random = new[] { 1, 16 }.Select(k => Excess(() => new RandomChoice(), k)).ToArray();
        var p2c = new[] { 1, 16 }.Select(k => Excess(() => new PowerOfTwoChoices(), k)).ToArray();
        output.WriteLine($"seed={seed} n={n}: excess over average at k=1 and k=16: random {random[0]:F2} -> {random[1]:F2} (√(k ln n) at k=16: {Math.Sqrt(16 * Math.Log(n)):F1}); P2C {p2c[0]:F2} -> {p2c[1]:F2}");
        Assert.True(random[1] >= 2 * random[0], "random's excess should at least double from k=1 to k=16");
        Assert.True(p2c[1] <= p2c[0] + 1, "P2C's excess should stay within one of its k=1 value");
        Assert.True(p2c[1] < random[1] / 3, "P2C's excess should be far below random's under heavy load");
    }

    [Fact]
    public void PowerOfTwoChoicesPicksTheLessLoadedOfTwo()
    {
        var pool = BackendState.Pool("idle", "busy");
        for (var i = 0; i < 3; i++) pool[1].RequestStarted(TimeSpan.Zero);
        Assert.All(Ids(new PowerOfTwoChoices(), pool, 50), id => Assert.Equal("idle", id));
    }

    [Fact]
    public void PeakEwmaAvoidsABackendThatJustAnsweredSlowly()
    {
        var pool = BackendState.Pool("fast", "slow");
        var t = TimeSpan.FromSeconds(1);
        foreach (var (b, ms) in new[] { (pool[0], 10.0), (pool[1], 400.0) })
        {
            b.RequestStarted(t);
            b.RequestFinished(t, RequestOutcome.Ok(TimeSpan.FromMilliseconds(ms)));
        }
        Assert.All(Ids(new PeakEwma(), pool, 20), id => Assert.Equal("fast", id));
        Assert.Equal(400, pool[1].PeakEwmaLatencyMs(t), 9);
    }

    // Peak: one slow answer replaces the estimate at once; a fast one pulls it down by 1 − e^(−Δt/τ).
    [Fact]
    public void PeakEwmaRisesAtOnceAndDecaysWithElapsedTime()
    {
        var b = new BackendState("b");
        void Answer(double atSeconds, double ms)
        {
            var now = TimeSpan.FromSeconds(atSeconds);
            b.RequestStarted(now);
            b.RequestFinished(now, RequestOutcome.Ok(TimeSpan.FromMilliseconds(ms)));
        }
        Answer(0, 100);
        Assert.Equal(100, b.PeakEwmaLatencyMs(TimeSpan.Zero), 9);
        Answer(10, 20);   // Δt = τ = 10 s: w = e^-1; the decayed old value 100·w, plus 20·(1−w)
        var w = Math.Exp(-1);
        Assert.Equal(100 * w + 20 * (1 - w), b.PeakEwmaLatencyMs(TimeSpan.FromSeconds(10)), 9);
        Answer(10, 500);
        Assert.Equal(500, b.PeakEwmaLatencyMs(TimeSpan.FromSeconds(10)), 9);
    }
}

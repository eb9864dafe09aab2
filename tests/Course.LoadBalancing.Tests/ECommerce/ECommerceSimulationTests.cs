using Course.LoadBalancing.Health;
using Course.LoadBalancing.ECommerce;
using Course.LoadBalancing.Policies;
using Xunit.Abstractions;

namespace Course.LoadBalancing.Tests.ECommerce;

public class ECommerceSimulationTests(ITestOutputHelper output)
{
    private static readonly ECommerceScenario Shop = ECommerceScenario.Default(TimeSpan.FromSeconds(60));

    private AlgorithmRun Run(Func<ILoadBalancingPolicy> policy, int seed = 1, ECommerceScenario? scenario = null)
    {
        var r = ECommerceSimulation.Run(scenario ?? Shop, policy, seed);
        output.WriteLine($"{r.Algorithm,-16} seed={r.Seed} n={r.Requests.Count} ok/s={r.ThroughputPerSecond:F0} p50={r.Percentile(0.5):F1} " +
            $"p95={r.Percentile(0.95):F1} p99={r.Percentile(0.99):F1} err={r.ErrorRate:P2} fp={r.Fingerprint():x16}");
        return r;
    }

    [Fact]
    public void TheSameSeedGivesTheSameRunAndAnotherSeedAnotherRun()
    {
        Assert.Equal(Run(() => new PowerOfTwoChoices(), 7).Fingerprint(), Run(() => new PowerOfTwoChoices(), 7).Fingerprint());
        Assert.NotEqual(Run(() => new PowerOfTwoChoices(), 7).Fingerprint(), Run(() => new PowerOfTwoChoices(), 8).Fingerprint());
    }

    // Common random numbers: every algorithm faces the same arrivals (time, tier), so differences are the algorithm's.
    [Fact]
    public void EveryAlgorithmFacesTheSameTraffic()
    {
        static string Arrivals(AlgorithmRun r) => string.Join(",", r.Requests.Select(q => $"{q.At.Ticks}:{q.Tier}"));
        Assert.Equal(Arrivals(Run(() => new RoundRobin())), Arrivals(Run(() => new Maglev())));
    }

    // The classic result on heterogeneous servers: load-aware choice (least connections, P2C) keeps the tail far below
    // load-blind random, which keeps sending the slow and the degraded server their full share.
    [Fact]
    public void LoadAwarePoliciesHaveAFarShorterTailThanRandom()
    {
        var random = Run(() => new RandomChoice());
        var p2c = Run(() => new PowerOfTwoChoices());
        var leastConn = Run(() => new LeastConnections());
        Assert.True(p2c.Percentile(0.99) < random.Percentile(0.99) / 2, "P2C's p99 should be under half of random's");
        Assert.True(leastConn.Percentile(0.99) < random.Percentile(0.99) / 2, "least-conn's p99 should be under half of random's");
        Assert.True(p2c.ErrorRate < random.ErrorRate / 10, "P2C should shed far fewer requests than random");
    }

    // k3 fails at 30 s. Probes run every 2 s and fail at 30, 32, 34 (fall 3): down at 34 s. It recovers at 45 s and
    // passes probes at 46, 48 (rise 2): up at 48 s. In between no algorithm may send it anything.
    [Fact]
    public void AServerMarkedDownByHealthChecksGetsNoTrafficUntilItIsBackUp()
    {
        foreach (var policy in Algorithms.All)
        {
            var r = Run(policy);
            var k3 = r.HealthEvents.Where(e => e.Event.Backend == "k3" && e.Event.Kind is HealthEventKind.Down or HealthEventKind.Up).Select(e => (e.Event.Kind, e.Event.At.TotalSeconds)).ToArray();
            Assert.Equal([(HealthEventKind.Down, 34.0), (HealthEventKind.Up, 48.0)], k3);
            Assert.DoesNotContain(r.Requests, q => q.Server == "k3" && q.At >= TimeSpan.FromSeconds(34) && q.At < TimeSpan.FromSeconds(48));
        }
    }

    // An independent oracle, queueing theory: one server, one worker, Poisson arrivals, exponential service = M/M/1.
    // Utilisation ρ = λ·S = 100/s × 5 ms = 0.5; mean response time S/(1−ρ) = 10 ms, plus 2 × 0.5 ms of network.
    [Fact]
    public void OneServerMatchesTheMM1Formulas()
    {
        const int seed = 3;
        var scenario = new ECommerceScenario(
            [new TierSpec("only", 1, TimeSpan.FromMilliseconds(5), [new ServerSpec("s", concurrency: 1, queueLimit: 10_000)])],
            new Workload(100, TimeSpan.FromSeconds(400)), HealthCheck: null, OutlierDetection: null);
        var r = Run(() => new RoundRobin(), seed, scenario);
        var mean = r.Requests.Average(q => q.LatencyMs);
        output.WriteLine($"seed={seed}: utilisation {r.Servers[0].Utilisation:F4} (0.5), mean latency {mean:F3} ms (11)");
        Assert.Equal(0.5, r.Servers[0].Utilisation, 0.02);
        Assert.Equal(11, mean, 0.6);
        Assert.Equal(0, r.Errors);
    }

    [Fact]
    public void PercentilesAreNearestRank()
    {
        var records = Enumerable.Range(1, 10).Select(i => new RequestRecord(i, TimeSpan.FromSeconds(i), "t", "s", i * 10, 200))
            .Append(new RequestRecord(0, TimeSpan.Zero, "t", null, 0, 503)).ToArray();
        var r = new AlgorithmRun("x", 0, TimeSpan.FromSeconds(10), records, [new ServerUsage("t", "s", 10, 0, 0.5)], []);
        Assert.Equal([50, 100, 100, 10], new[] { r.Percentile(0.5), r.Percentile(0.95), r.Percentile(0.99), r.Percentile(0.1) });
        Assert.Equal(1, r.Errors);
        Assert.Equal(1.0, r.ThroughputPerSecond);
    }

    [Fact]
    public void BadScenariosFailWhenTheyAreBuilt()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServerSpec("s", speed: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServerSpec("s", speed: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServerSpec("s", weight: 0));
        Assert.Contains("no servers", Assert.Throws<ArgumentException>(() => new TierSpec("t", 1, TimeSpan.FromMilliseconds(1), [])).Message);
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => new TierSpec("t", 1, TimeSpan.FromMilliseconds(1), [new("a"), new("a")])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TierSpec("t", double.NaN, TimeSpan.FromMilliseconds(1), [new("a")]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Workload(double.NaN, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Workload(10, TimeSpan.FromSeconds(1), [new Burst(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 2)]));
    }
}

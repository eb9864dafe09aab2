using Course.LoadBalancing.Health;
using Course.LoadBalancing.Policies;

namespace Course.LoadBalancing.Tests.Health;

public class OutlierEjectionTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    private static (LoadBalancer Lb, BackendState Bad) Cluster(int maxEjectionPercent = 50)
    {
        var pool = new BackendPool(BackendState.Pool("a", "b", "c", "d").ToArray(),
            outlierDetection: new OutlierDetection(consecutive5xx: 5, baseEjectionTime: TimeSpan.FromSeconds(30), maxEjectionPercent: maxEjectionPercent));
        return (new LoadBalancer(pool, new RoundRobin()), pool.All[1]);
    }

    /// <summary>One request every 10 ms from <paramref name="from"/> to <paramref name="to"/> seconds; "b" answers 503, the rest 200.</summary>
    private static List<(TimeSpan At, string Id)> Traffic(LoadBalancer lb, double from, double to, Func<BackendState, bool> fails)
    {
        var random = new Random(1);
        var picks = new List<(TimeSpan, string)>();
        for (var t = TimeSpan.FromSeconds(from); t < TimeSpan.FromSeconds(to); t += 10 * Ms)
        {
            var ctx = new RequestContext(t, random);
            var b = lb.Start(ctx)!;
            lb.Finish(b, ctx, t + Ms, fails(b) ? RequestOutcome.Failed(Ms) : RequestOutcome.Ok(Ms));
            picks.Add((t, b.Id));
        }
        return picks;
    }

    [Fact]
    public void AnEjectedBackendGetsNoTrafficUntilItsEjectionEnds()
    {
        var (lb, bad) = Cluster();
        var picks = Traffic(lb, 0, 100, b => b == bad);
        var ejections = lb.Pool.Events.Where(e => e.Kind == HealthEventKind.Ejected).ToArray();
        // Round robin over 4: "b" gets every 4th request (40 ms apart, from 10 ms); its 5th is sent at 10 + 4·40 = 170 ms
        // and fails 1 ms later.
        Assert.Equal(TimeSpan.FromMilliseconds(171), ejections[0].At);
        var firstReturn = ejections[0].At + TimeSpan.FromSeconds(30);
        Assert.DoesNotContain(picks, p => p.Id == "b" && p.At > ejections[0].At && p.At < firstReturn);
        Assert.Contains(picks, p => p.Id == "b" && p.At >= firstReturn);
    }

    // Envoy: the n-th ejection lasts base × n, so a backend that keeps failing stays out longer each time.
    [Fact]
    public void EachEjectionLastsLongerThanTheLast()
    {
        var (lb, bad) = Cluster();
        Traffic(lb, 0, 200, b => b == bad);
        var events = lb.Pool.Events.Where(e => e.Backend == "b").ToArray();
        var ejected = events.Where(e => e.Kind == HealthEventKind.Ejected).ToArray();
        var returned = events.Where(e => e.Kind == HealthEventKind.Returned).ToArray();
        Assert.True(ejected.Length >= 3, $"expected ≥ 3 ejections in 200 s, got {ejected.Length}");
        for (var i = 0; i < 3; i++)
            Assert.Equal(TimeSpan.FromSeconds(30 * (i + 1)), returned[i].At - ejected[i].At);
    }

    [Fact]
    public void ASuccessInBetweenResetsTheConsecutiveCount()
    {
        var (lb, bad) = Cluster();
        var n = 0;
        Traffic(lb, 0, 20, b => b == bad && ++n % 5 != 0);   // every 5th answer of "b" is good: never 5 failures in a row
        Assert.Empty(lb.Pool.Events);
    }

    // Max ejection 25% of 4 backends = 1: with two failing, only the first to reach 5 errors is ejected.
    [Fact]
    public void NoMoreThanMaxEjectionPercentIsEjectedAtOnce()
    {
        var (lb, _) = Cluster(maxEjectionPercent: 25);
        var picks = Traffic(lb, 0, 10, b => b.Id is "b" or "c");
        var at5s = lb.Pool.All.Where(b => b.EjectedUntil > TimeSpan.FromSeconds(5)).Select(b => b.Id).ToArray();
        Assert.Equal(["b"], at5s);
        Assert.Contains(lb.Pool.Events, e => e.Backend == "c" && e.Kind == HealthEventKind.EjectionRefused);
        Assert.Contains(picks, p => p.Id == "c" && p.At > TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void WithoutOutlierDetectionFailuresAreCountedButNobodyIsEjected()
    {
        var pool = new BackendPool(BackendState.Pool("a", "b").ToArray());
        var lb = new LoadBalancer(pool, new RoundRobin());
        Traffic(lb, 0, 5, b => b.Id == "b");
        Assert.Empty(pool.Events);
        Assert.Equal(250, pool.All[1].Failed);
    }
}

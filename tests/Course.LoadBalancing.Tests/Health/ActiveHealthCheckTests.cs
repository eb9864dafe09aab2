using Course.LoadBalancing.Health;

namespace Course.LoadBalancing.Tests.Health;

public class ActiveHealthCheckTests
{
    private static TimeSpan S(double s) => TimeSpan.FromSeconds(s);

    [Fact]
    public void FallFailedProbesTakeABackendOutAndRiseGoodOnesBringItBack()
    {
        var pool = new BackendPool(BackendState.Pool("a", "b").ToArray(), new ActiveHealthCheck(S(2), rise: 2, fall: 3));
        var b = pool.All[1];
        bool[] probes = [false, false, true, false, false, false, true, true];   // one good probe in the middle resets the count
        var states = new List<bool>();
        for (var i = 0; i < probes.Length; i++)
        {
            pool.ReportProbe(b, probes[i], S(2 * i));
            states.Add(pool.Eligible(S(2 * i)).Contains(b));
        }
        Assert.Equal([true, true, true, true, true, false, false, true], states);
        Assert.Equal([HealthEventKind.Down, HealthEventKind.Up], pool.Events.Select(e => e.Kind));
        Assert.Equal(S(14), b.WarmingSince);
    }

    [Fact]
    public void AProbeForABackendOfAnotherPoolIsRejected()
    {
        var pool = new BackendPool(BackendState.Pool("a").ToArray(), ActiveHealthCheck.Default);
        Assert.Throws<ArgumentException>(() => pool.ReportProbe(new BackendState("a"), false, S(0)));
    }

    [Fact]
    public void ProbesNeedAConfiguredHealthCheck() =>
        Assert.Throws<InvalidOperationException>(() =>
        {
            var pool = new BackendPool(BackendState.Pool("a").ToArray());
            pool.ReportProbe(pool.All[0], true, S(0));
        });
}

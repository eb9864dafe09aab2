using Course.LoadBalancing.L3;
using Xunit.Abstractions;

namespace Course.LoadBalancing.Tests.L3;

public class AnycastTests(ITestOutputHelper output)
{
    [Fact]
    public void WithoutRouteDetoursEveryClientReachesItsNearestSite()
    {
        var r = Anycast.Simulate(Anycast.WorldSites, 2000, seed: 1, routeStretch: 0);
        Assert.Equal(1.0, r.ClosestSiteFraction);
    }

    [Fact]
    public void RouteDetoursSendSomeClientsToAFartherSite()
    {
        var r = Anycast.Simulate(Anycast.WorldSites, 2000, seed: 1, routeStretch: 0.5);
        output.WriteLine($"seed=1: nearest site for {r.ClosestSiteFraction:P1} of clients");
        Assert.InRange(r.ClosestSiteFraction, 0.6, 0.99);
    }

    [Fact]
    public void WhenASiteFailsOnlyItsClientsMoveAndTheirLatencyRises()
    {
        var r = Anycast.Simulate(Anycast.WorldSites, 2000, seed: 2, failedSite: "frankfurt");
        var moved = r.Clients.Where(c => c.Moved).ToArray();
        output.WriteLine($"seed=2: {moved.Length} clients moved; mean RTT {r.MeanRttBefore:F1} -> {r.MeanRttAfter:F1} ms");
        Assert.All(moved, c => Assert.Equal("frankfurt", c.SiteBefore));
        Assert.Equal(r.Clients.Count(c => c.SiteBefore == "frankfurt"), moved.Length);
        Assert.DoesNotContain(r.Clients, c => c.SiteAfter == "frankfurt");
        Assert.All(moved, c => Assert.True(c.RttAfter >= c.RttBefore || !c.ClosestBefore));
        Assert.True(r.MeanRttAfter > r.MeanRttBefore);
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Throws<ArgumentException>(() => Anycast.Simulate([], 10, 1));
        Assert.Throws<ArgumentException>(() => Anycast.Simulate(Anycast.WorldSites, 10, 1, failedSite: "atlantis"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Anycast.Simulate(Anycast.WorldSites, 10, 1, routeStretch: double.NaN));
    }
}

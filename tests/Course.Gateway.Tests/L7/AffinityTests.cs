using Course.Gateway.Probing;

namespace Course.Gateway.Tests.L7;

/// <summary>Cookie session affinity: the first answer sets a cookie, later requests that carry it stay on one backend.</summary>
public sealed class AffinityTests
{
    [Fact]
    public async Task A_client_with_the_cookie_stays_on_one_backend()
    {
        await using var fleet = await Fleets.AbcAsync();
        await using var gateway = await Fleets.GatewayAsync(fleet, c => c with { CookieAffinity = true });

        using var sticky = LoadProbe.Client(cookies: true);
        var pinned = await Fleets.GetAsync(sticky, gateway, 20);
        Assert.Single(LoadProbe.CountByBackend(pinned));
        Assert.All(pinned, r => Assert.Equal(200, r.Status));

        using var cookieless = LoadProbe.Client(cookies: false);    // the same gateway still balances clients without it
        var spread = await Fleets.GetAsync(cookieless, gateway, 30);
        Assert.Equal(3, LoadProbe.CountByBackend(spread).Count);
    }

    [Fact]
    public async Task The_pinned_backend_failing_its_health_check_moves_the_client()
    {
        await using var fleet = await Fleets.AbcAsync();
        await using var gateway = await Fleets.GatewayAsync(fleet, c => c with
        {
            CookieAffinity = true,
            Health = new HealthChecking { ActiveInterval = TimeSpan.FromMilliseconds(100), Passive = false },
        });
        using var sticky = LoadProbe.Client(cookies: true);

        var first = (await Fleets.GetAsync(sticky, gateway, 1)).Single().Backend!;
        fleet[first].Healthy = false;
        Assert.True(await gateway.WaitUntilAsync(g => !g.Destinations("pool").Single(d => d.Id == first).TakesTraffic, TimeSpan.FromSeconds(10)));
        var after = await Fleets.GetAsync(sticky, gateway, 10);

        var moved = Assert.Single(LoadProbe.CountByBackend(after)).Key;    // redistributed once, then pinned again
        Assert.NotEqual(first, moved);
    }
}

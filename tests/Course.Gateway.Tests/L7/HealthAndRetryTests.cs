using Course.Gateway.Probing;
using Yarp.ReverseProxy.Model;

namespace Course.Gateway.Tests.L7;

/// <summary>Active health checks, passive ejection and retries: what a client sees when a backend breaks.</summary>
public sealed class HealthAndRetryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_backend_failing_its_health_probe_gets_no_traffic()
    {
        await using var fleet = await Fleets.AbcAsync();
        await using var gateway = await Fleets.GatewayAsync(fleet, c => c with
        {
            Health = new HealthChecking { ActiveInterval = TimeSpan.FromMilliseconds(100), Passive = false },
        });
        using var http = LoadProbe.Client();

        fleet["b"].Healthy = false;
        Assert.True(await gateway.WaitUntilAsync(g => g.Destinations("pool").Single(d => d.Id == "b").Active == DestinationHealth.Unhealthy, Patience),
            "the active probe never marked b unhealthy");
        var results = await Fleets.GetAsync(http, gateway, 30);

        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Equal(0, fleet["b"].Served);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 15, ["c"] = 15 }, LoadProbe.CountByBackend(results));

        fleet["b"].Healthy = true;   // and it comes back once the probe passes again
        Assert.True(await gateway.WaitUntilAsync(g => g.Destinations("pool").All(d => d.TakesTraffic), Patience));
        var after = await Fleets.GetAsync(http, gateway, 30);
        Assert.Equal(10, LoadProbe.CountByBackend(after)["b"]);
    }

    [Fact]
    public async Task Passive_checks_eject_a_backend_after_its_first_500()
    {
        await using var fleet = await Fleets.AbcAsync();
        await using var gateway = await Fleets.GatewayAsync(fleet, c => c with
        {
            Health = new HealthChecking { Active = false, PassiveThreshold = 1, EjectionPeriod = TimeSpan.FromMinutes(5) },
        });
        using var http = LoadProbe.Client();

        fleet["b"].Failing = true;
        var results = await Fleets.GetAsync(http, gateway, 30);

        Assert.Equal(1, fleet["b"].Served);                        // one failure, then ejected for the rest of the run
        Assert.Single(results, r => r.Status == 500);
        Assert.Equal(29, results.Count(r => r.Status == 200));
        Assert.Equal(DestinationHealth.Unhealthy, gateway.Destinations("pool").Single(d => d.Id == "b").Passive);
    }

    [Fact]
    public async Task Without_retries_round_robin_shows_every_third_request_failing()
    {
        await using var fleet = await Fleets.AbcAsync();
        await using var gateway = await Fleets.GatewayAsync(fleet, c => c);
        using var http = LoadProbe.Client();

        fleet["b"].Failing = true;
        var results = await Fleets.GetAsync(http, gateway, 30);

        Assert.Equal(10, results.Count(r => r.Status == 500));
        Assert.Equal(10, fleet["b"].Served);
        Assert.Equal(0, gateway.Retries);
    }

    [Fact]
    public async Task Retries_hide_a_backend_that_answers_500()
    {
        await using var fleet = await Fleets.AbcAsync();
        await using var gateway = await Fleets.GatewayAsync(fleet, c => c with { Retry = new RetryPolicy(2) });
        using var http = LoadProbe.Client();

        fleet["b"].Failing = true;
        var results = await Fleets.GetAsync(http, gateway, 30);

        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.DoesNotContain(results, r => r.Backend == "b");
        Assert.True(fleet["b"].Served > 0, "b was never tried: the test would not show a retry");
        Assert.Equal(fleet["b"].Served, gateway.Retries);           // every failed attempt was retried exactly once, elsewhere
        Assert.Equal(30, fleet["a"].Served + fleet["c"].Served);
    }

    [Fact]
    public async Task Retries_hide_a_backend_that_is_gone()
    {
        await using var fleet = await Fleets.AbcAsync();
        await using var gateway = await Fleets.GatewayAsync(fleet, c => c with { Retry = new RetryPolicy(1) });
        using var http = LoadProbe.Client();

        await fleet["c"].DisposeAsync();                           // connection refused from now on
        var results = await Fleets.GetAsync(http, gateway, 30);

        Assert.All(results, r => Assert.Equal(200, r.Status));
        // YARP's round-robin counter also advances on the retry's pick, so the count is not simply 30/3; what matters is that
        // c was picked (and retried away from) without a single failure reaching the client.
        Assert.InRange(gateway.Retries, 10, 29);
        Assert.Equal(30, fleet["a"].Served + fleet["b"].Served);
        Assert.DoesNotContain(results, r => r.Backend == "c");
    }

    [Fact]
    public async Task The_last_attempt_passes_the_failure_through()
    {
        await using var fleet = await Fleets.AbcAsync();
        await using var gateway = await Fleets.GatewayAsync(fleet, c => c with { Retry = new RetryPolicy(5) });
        using var http = LoadProbe.Client();

        foreach (var backend in fleet) backend.Failing = true;
        var results = await Fleets.GetAsync(http, gateway, 3);

        Assert.All(results, r => Assert.Equal(500, r.Status));     // every destination tried once, then the real 500 with its body
        Assert.Equal(9, fleet.Sum(b => b.Served));
        Assert.Equal(6, gateway.Retries);
    }

    [Fact]
    public async Task A_retry_hides_transient_failures_of_a_flaky_backend()
    {
        await using var fleet = await Fleets.AbcAsync();
        await using var gateway = await Fleets.GatewayAsync(fleet, c => c with { Retry = new RetryPolicy(1) });
        using var http = LoadProbe.Client();

        fleet["b"].FailNext(3);                                    // b fails its next three requests, then recovers
        var results = await Fleets.GetAsync(http, gateway, 30);

        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Equal(3, gateway.Retries);                          // three injected failures, each retried once elsewhere
        Assert.Equal(33, fleet.Sum(b => b.Served));
        Assert.Equal(fleet["b"].Served - 3, results.Count(r => r.Backend == "b"));   // b served again once it recovered
    }
}

using Course.Gateway.Probing;
using Course.LoadBalancing;

namespace Course.Gateway.Tests.L7;

/// <summary>
/// Each policy's effect through YARP, counted per backend. Sequential requests leave nothing in flight between picks, so a
/// seeded policy run directly (the oracle) must produce the very same sequence the gateway produced.
/// </summary>
public sealed class BalancingTests
{
    [Theory]
    [InlineData(BalancingPolicies.RoundRobin)]            // YARP's built-in
    [InlineData("Course.round-robin")]                    // ours, through the adapter
    public async Task Round_robin_spreads_exactly_evenly(string policy)
    {
        await using var fleet = await Fleets.AbcAsync();
        await using var gateway = await Fleets.GatewayAsync(fleet, c => c with { Policy = policy });
        using var http = LoadProbe.Client();

        var results = await Fleets.GetAsync(http, gateway, 30);

        Assert.Equal(new Dictionary<string, int> { ["a"] = 10, ["b"] = 10, ["c"] = 10 }, LoadProbe.CountByBackend(results));
    }

    [Fact]
    public async Task Smooth_weighted_round_robin_follows_the_weights_in_nginx_order()
    {
        await using var fleet = await Fleets.AbcAsync();
        var cluster = new GatewayCluster("pool",
        [
            new GatewayDestination("a", fleet["a"].Address, weight: 5),
            new GatewayDestination("b", fleet["b"].Address, weight: 1),
            new GatewayDestination("c", fleet["c"].Address, weight: 1),
        ]) { Policy = BalancingPolicies.CourseSmoothWeighted.Name };
        await using var gateway = await L7Gateway.StartAsync(GatewayConfig.CatchAll(cluster));
        using var http = LoadProbe.Client();

        var results = await Fleets.GetAsync(http, gateway, 14);

        // nginx's smooth WRR for {a:5, b:1, c:1} (worked by hand: add weights, pick the largest, subtract the total 7):
        Assert.Equal("a a b a c a a a a b a c a a".Split(' '), results.Select(r => r.Backend));
    }

    [Theory]
    [InlineData("Course.random")]
    [InlineData("Course.P2C")]
    [InlineData("Course.least-conn")]
    public async Task A_seeded_policy_makes_the_same_picks_through_YARP_as_run_directly(string policy)
    {
        await using var fleet = await Fleets.AbcAsync();
        await using var gateway = await Fleets.GatewayAsync(fleet, c => c with { Policy = policy });
        using var http = LoadProbe.Client();

        var results = await Fleets.GetAsync(http, gateway, 60);

        var oracle = Direct(BalancingPolicies.CourseBuiltIns.Single(p => p.Name == policy), 60);
        Assert.Equal(oracle, results.Select(r => r.Backend));
        Assert.Equal(3, LoadProbe.CountByBackend(results).Count);
    }

    [Fact]
    public async Task Least_connections_keeps_new_requests_off_a_busy_backend()
    {
        await using var fleet = await Fleets.AbcAsync();
        await using var gateway = await Fleets.GatewayAsync(fleet, c => c with { Policy = BalancingPolicies.CourseLeastConnections.Name });
        using var http = LoadProbe.Client();

        fleet["a"].Latency = TimeSpan.FromMilliseconds(300);
        var results = await LoadProbe.SendConcurrentAsync(http, new Uri(gateway.Address, "/item"), 30, concurrency: 2);

        // Two clients: while a holds one request, an idle backend always exists, so a never has two at once.
        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Equal(1, fleet["a"].MaxInFlight);
        Assert.True(fleet["a"].Served < 10, $"a served {fleet["a"].Served}; round robin would give it exactly 10");
    }

    [Theory]
    [InlineData("Course.hash-bounded(ε=0.25)")]
    [InlineData("Course.maglev")]
    public async Task Hashing_policies_keep_each_client_on_one_backend(string policy)
    {
        await using var fleet = await Fleets.AbcAsync();
        Assert.Contains(BalancingPolicies.CourseBuiltIns, p => p.Name == policy);
        await using var gateway = await Fleets.GatewayAsync(fleet, c => c with { Policy = policy });
        using var http = LoadProbe.Client();

        var results = await LoadProbe.SendAsync(http, new Uri(gateway.Address, "/item"), 60,
            (i, request) => request.Headers.Add(Backends.BackendHeaders.ClientId, $"user-{i % 20}"));

        var perClient = results.GroupBy(r => r.Index % 20).Select(g => g.Select(r => r.Backend).Distinct().Count());
        Assert.All(perClient, backends => Assert.Equal(1, backends));
        Assert.True(LoadProbe.CountByBackend(results).Count > 1, "twenty clients all hashed to one backend");
    }

    [Fact]
    public async Task YARP_first_alphabetical_sends_everything_to_a()
    {
        await using var fleet = await Fleets.AbcAsync();
        await using var gateway = await Fleets.GatewayAsync(fleet, c => c with { Policy = BalancingPolicies.FirstAlphabetical });
        using var http = LoadProbe.Client();

        var results = await Fleets.GetAsync(http, gateway, 10);

        Assert.Equal(new Dictionary<string, int> { ["a"] = 10 }, LoadProbe.CountByBackend(results));
    }

    /// <summary>The oracle: the policy run without YARP, same seed, each request finished before the next starts.</summary>
    private static IReadOnlyList<string> Direct(CoursePolicyRegistration registration, int count)
    {
        var policy = registration.Create();
        var backends = BackendState.Pool("a", "b", "c");
        var random = new Random(BalancingPolicies.CourseSeed);
        var picks = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var context = new RequestContext(TimeSpan.Zero, random, "127.0.0.1");
            var backend = policy.Pick(backends, context)!;
            backend.RequestStarted(TimeSpan.Zero);
            policy.OnRequestStarted(backend, context);
            backend.RequestFinished(TimeSpan.Zero, RequestOutcome.Ok(TimeSpan.Zero));
            policy.OnRequestFinished(backend, context, RequestOutcome.Ok(TimeSpan.Zero));
            picks.Add(backend.Id);
        }
        return picks;
    }
}

using Course.LoadBalancing.Policies;

namespace Course.LoadBalancing.Tests.Policies;

/// <summary>Small drivers for policy tests: every policy under test, and picks without a simulator.</summary>
internal static class Drive
{
    public static ILoadBalancingPolicy[] AllPolicies() =>
    [
        new RoundRobin(), new SmoothWeightedRoundRobin(), new RandomChoice(), new LeastConnections(), new PeakEwma(),
        new PowerOfTwoChoices(), new PowerOfTwoChoices(LoadMetric.PeakEwma), new BoundedLoadConsistentHashing(), new Maglev(),
    ];

    public static RequestContext At(Random random, double seconds = 0, string? key = null) =>
        new(TimeSpan.FromSeconds(seconds), random, key);

    /// <summary>Picks <paramref name="count"/> times and returns the chosen ids (requests finish at once).</summary>
    public static string[] Ids(ILoadBalancingPolicy policy, IReadOnlyList<BackendState> backends, int count, int seed = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => policy.Pick(backends, At(random))!.Id).ToArray();
    }

    /// <summary>Balls into bins: <paramref name="balls"/> requests that never finish; returns the largest in-flight count.</summary>
    public static int MaxLoad(ILoadBalancingPolicy policy, int bins, int balls, int seed)
    {
        var backends = BackendState.Pool(Enumerable.Range(0, bins).Select(i => $"b{i}").ToArray());
        var random = new Random(seed);
        for (var i = 0; i < balls; i++) policy.Pick(backends, At(random))!.RequestStarted(TimeSpan.Zero);
        return backends.Max(b => b.InFlight);
    }
}

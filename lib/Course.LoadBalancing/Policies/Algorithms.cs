namespace Course.LoadBalancing.Policies;

/// <summary>Every algorithm of the course, as factories (each run needs fresh policy state).</summary>
public static class Algorithms
{
    public static IReadOnlyList<Func<ILoadBalancingPolicy>> All { get; } =
    [
        () => new RoundRobin(),
        () => new SmoothWeightedRoundRobin(),
        () => new RandomChoice(),
        () => new LeastConnections(),
        () => new PeakEwma(),
        () => new PowerOfTwoChoices(),
        () => new PowerOfTwoChoices(LoadMetric.PeakEwma),
        () => new BoundedLoadConsistentHashing(),
        () => new Maglev(),
    ];
}

namespace Course.LoadBalancing.Policies;

/// <summary>
/// Weighted random: each backend with probability weight / total weight, independent of load. In the
/// balls-into-bins model the busiest of n backends then carries about ln n / ln ln n more than average
/// (Raab &amp; Steger 1998) — the figure power of two choices improves on.
/// </summary>
public sealed class RandomChoice : ILoadBalancingPolicy
{
    public string Name => "random";

    public BackendState? Pick(IReadOnlyList<BackendState> healthy, RequestContext context)
    {
        if (healthy.Count == 0) return null;
        double total = 0;
        foreach (var b in healthy) total += b.EffectiveWeight(context.Now);
        var x = context.Random.NextDouble() * total;
        foreach (var b in healthy)
        {
            x -= b.EffectiveWeight(context.Now);
            if (x < 0) return b;
        }
        return healthy[^1];   // x landed on the rounding edge of the last bucket
    }
}

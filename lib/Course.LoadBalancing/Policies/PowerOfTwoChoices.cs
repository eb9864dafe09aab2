namespace Course.LoadBalancing.Policies;

/// <summary>
/// Power of two choices (Mitzenmacher, "The Power of Two Choices in Randomized Load Balancing", 2001; Azar et
/// al. 1994): sample two distinct backends at random and send to the less loaded. The maximum load drops from
/// random's Θ(log n / log log n) above average to Θ(log log n) — an exponential improvement — at O(1) cost
/// per pick and without the herding a full scan causes when many balancers share stale load data.
/// With <see cref="LoadMetric.PeakEwma"/> this is Finagle's and Linkerd's default balancer ("p2c + peak EWMA").
/// </summary>
public sealed class PowerOfTwoChoices(LoadMetric metric = LoadMetric.InFlight) : ILoadBalancingPolicy
{
    public LoadMetric Metric { get; } = LoadMetrics.Validate(metric, nameof(metric));

    public string Name => Metric == LoadMetric.InFlight ? "P2C" : "P2C-peak-EWMA";

    public BackendState? Pick(IReadOnlyList<BackendState> healthy, RequestContext context)
    {
        switch (healthy.Count)
        {
            case 0: return null;
            case 1: return healthy[0];
        }
        var i = context.Random.Next(healthy.Count);
        var j = context.Random.Next(healthy.Count - 1);
        if (j >= i) j++;   // two distinct choices, uniform over the pairs
        var a = healthy[i];
        var b = healthy[j];
        return LoadMetrics.Of(Metric, b, context.Now) < LoadMetrics.Of(Metric, a, context.Now) ? b : a;
    }
}

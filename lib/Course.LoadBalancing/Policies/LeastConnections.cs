namespace Course.LoadBalancing.Policies;

/// <summary>
/// Least connections (HAProxy "leastconn"; at L7 the same idea is "least outstanding requests", AWS ALB):
/// scan every backend, take the one with the fewest requests in flight per unit of weight, break ties at
/// random so equal backends share evenly. O(n) per pick — the cost power of two choices avoids.
/// </summary>
public sealed class LeastConnections : ILoadBalancingPolicy
{
    public string Name => "least-conn";

    public BackendState? Pick(IReadOnlyList<BackendState> healthy, RequestContext context) =>
        LeastLoaded.Pick(healthy, context, LoadMetric.InFlight);
}

namespace Course.LoadBalancing.Policies;

/// <summary>
/// Round robin: the backends in turn, ignoring weight and load. The baseline every proxy ships
/// (nginx's default, HAProxy's "roundrobin" with equal weights).
/// </summary>
public sealed class RoundRobin : ILoadBalancingPolicy
{
    private long _next;

    public string Name => "round-robin";

    public BackendState? Pick(IReadOnlyList<BackendState> healthy, RequestContext context) =>
        healthy.Count == 0 ? null : healthy[(int)(_next++ % healthy.Count)];
}

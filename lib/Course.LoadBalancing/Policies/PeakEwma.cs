namespace Course.LoadBalancing.Policies;

/// <summary>
/// Least expected latency by full scan: the backend with the lowest peak-EWMA latency × (in flight + 1)
/// (Finagle's "peak EWMA" load metric, 2016). Unlike least connections it sees a backend that is slow but
/// not (yet) congested — the degrading server in the e-commerce simulation.
/// </summary>
public sealed class PeakEwma : ILoadBalancingPolicy
{
    public string Name => "peak-EWMA";

    public BackendState? Pick(IReadOnlyList<BackendState> healthy, RequestContext context) =>
        LeastLoaded.Pick(healthy, context, LoadMetric.PeakEwma);
}

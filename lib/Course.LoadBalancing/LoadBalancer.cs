using Course.LoadBalancing.Health;

namespace Course.LoadBalancing;

/// <summary>
/// A pool plus a policy: what a proxy does per request. Pick among the eligible backends, count the request in
/// flight, and on completion feed the latency to the backend's EWMA, the outcome to outlier detection and both
/// to the policy. The simulator and the tests drive this; a real proxy does the same in its own pipeline.
/// </summary>
public sealed class LoadBalancer(BackendPool pool, ILoadBalancingPolicy policy)
{
    public BackendPool Pool { get; } = pool ?? throw new ArgumentNullException(nameof(pool));
    public ILoadBalancingPolicy Policy { get; } = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <summary>Chooses a backend and marks the request started on it; null when none is eligible (503).</summary>
    public BackendState? Start(RequestContext context)
    {
        var backend = Policy.Pick(Pool.Eligible(context.Now), context);
        if (backend is null) return null;
        backend.RequestStarted(context.Now);
        Policy.OnRequestStarted(backend, context);
        return backend;
    }

    /// <summary>Completes a request started with <see cref="Start"/>; <paramref name="now"/> is its end time.</summary>
    public void Finish(BackendState backend, RequestContext context, TimeSpan now, RequestOutcome outcome)
    {
        backend.RequestFinished(now, outcome);
        Pool.ReportOutcome(backend, outcome, now);
        Policy.OnRequestFinished(backend, context with { Now = now }, outcome);
    }
}

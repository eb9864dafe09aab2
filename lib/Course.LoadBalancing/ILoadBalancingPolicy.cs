namespace Course.LoadBalancing;

// Usage — the same policy object runs in the simulator and behind a real proxy (e.g. a YARP adapter):
//   var backends = BackendState.Pool(("a", 5), ("b", 1), ("c", 1));       // bad weights throw here, not at Pick
//   ILoadBalancingPolicy policy = new SmoothWeightedRoundRobin();
//   var ctx = new RequestContext(now, random, Key: "user-42");            // virtual or real clock; seeded Random
//   var backend = policy.Pick(healthyBackends, ctx);                       // null only if no backend is eligible
//   if (backend is null) return 503;
//   backend.RequestStarted(ctx.Now); policy.OnRequestStarted(backend, ctx);
//   ... send the request ...
//   var outcome = RequestOutcome.Ok(latency);  backend.RequestFinished(endTime, outcome);
//   policy.OnRequestFinished(backend, ctx, outcome);
// The caller owns health: it passes only the backends that are up and not ejected (BackendPool.Eligible does that).
// Policies keep no references to sockets, HttpContext or clocks: everything they read is in these arguments.

/// <summary>
/// A load-balancing algorithm: chooses one backend among the eligible ones for one request. Pure and
/// transport-free, so the simulator (virtual time) and a real proxy (wall clock) drive the same code.
/// </summary>
public interface ILoadBalancingPolicy
{
    /// <summary>A short name for tables and charts ("P2C", "least-conn", …).</summary>
    string Name { get; }

    /// <summary>
    /// Picks a backend from <paramref name="healthy"/> (the backends that may take traffic now, in a stable
    /// order). Returns null only when the list is empty (the caller answers 503); never throws for that.
    /// </summary>
    BackendState? Pick(IReadOnlyList<BackendState> healthy, RequestContext context);

    /// <summary>Called after the request was sent to <paramref name="backend"/> (most policies need nothing here).</summary>
    void OnRequestStarted(BackendState backend, RequestContext context) { }

    /// <summary>Called when the request finished, with what happened (most policies need nothing here).</summary>
    void OnRequestFinished(BackendState backend, RequestContext context, RequestOutcome outcome) { }
}

namespace Course.LoadBalancing.Policies;

/// <summary>
/// nginx's smooth weighted round robin (ngx_http_upstream_get_peer, 2012): every pick adds each backend's
/// weight to its "current" score, takes the highest score and subtracts the total weight from the winner.
/// Over one cycle each backend is picked exactly weight times, and the picks are interleaved — weights
/// {5,1,1} give a a b a c a a, not a a a a a b c — so a heavy backend never gets a burst.
/// Uses the slow-start effective weight, so a warming backend ramps in smoothly.
/// </summary>
public sealed class SmoothWeightedRoundRobin : ILoadBalancingPolicy
{
    private readonly Dictionary<BackendState, double> _current = [];   // by reference: one object per backend for its life

    public string Name => "smooth-WRR";

    public BackendState? Pick(IReadOnlyList<BackendState> healthy, RequestContext context)
    {
        BackendState? best = null;
        double total = 0, bestScore = double.NegativeInfinity;
        for (var i = 0; i < healthy.Count; i++)
        {
            var b = healthy[i];
            var w = b.EffectiveWeight(context.Now);
            ref var current = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_current, b, out _);
            var score = current += w;
            total += w;
            if (score > bestScore) (best, bestScore) = (b, score);   // strict: ties go to the earlier backend, as in nginx
        }
        if (best is not null) _current[best] = bestScore - total;
        return best;
    }
}

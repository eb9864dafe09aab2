namespace Course.LoadBalancing.Policies;

/// <summary>The full scan shared by least connections and peak EWMA: lowest load, ties broken uniformly at random.</summary>
internal static class LeastLoaded
{
    public static BackendState? Pick(IReadOnlyList<BackendState> healthy, RequestContext context, LoadMetric metric)
    {
        BackendState? best = null;
        var bestLoad = double.PositiveInfinity;
        var ties = 0;
        for (var i = 0; i < healthy.Count; i++)   // indexed: no enumerator allocation per pick
        {
            var b = healthy[i];
            var l = LoadMetrics.Of(metric, b, context.Now);
            if (l < bestLoad) (best, bestLoad, ties) = (b, l, 1);
            else if (l == bestLoad && context.Random.Next(++ties) == 0) best = b;   // reservoir sampling over the ties
        }
        return best;
    }
}

namespace Course.LoadBalancing.Cdn;

/// <summary>Where a request was answered from.</summary>
public enum ServedFrom { Edge, EdgeStale, Regional, Origin }

/// <summary>One timeline bucket: requests, the ones answered at the edge, and fetches that reached the origin.</summary>
public sealed record CdnBucket(TimeSpan Start, int Requests, int EdgeHits, int OriginFetches)
{
    public double HitRatio => Requests == 0 ? 0 : (double)EdgeHits / Requests;
}

/// <summary>
/// The measurements of one CDN run. Edge hit ratio counts fresh and stale-while-revalidate answers at the edge;
/// origin load counts every fetch the origin served (misses, background revalidations and pushes).
/// </summary>
public sealed record CdnRun(
    int Requests,
    IReadOnlyDictionary<ServedFrom, int> ServedBy,
    int OriginFetches,
    double MeanLatencyMs,
    double P95LatencyMs,
    int StaleAnswers,
    TimeSpan Duration,
    IReadOnlyList<CdnBucket> Timeline)
{
    public double EdgeHitRatio => Requests == 0 ? 0 : (double)(ServedBy[ServedFrom.Edge] + ServedBy[ServedFrom.EdgeStale]) / Requests;
    public double OriginLoadPerSecond => OriginFetches / Duration.TotalSeconds;

    /// <summary>Answers that carried an older version than the origin had at that moment.</summary>
    public double StaleFraction => Requests == 0 ? 0 : (double)StaleAnswers / Requests;
}

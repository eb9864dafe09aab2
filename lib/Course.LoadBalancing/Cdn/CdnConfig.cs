using static Course.Simulation.Guard;

namespace Course.LoadBalancing.Cdn;

/// <summary>How caches fill: on a miss (pull, the default of every CDN) or ahead of time from the origin (push).</summary>
public enum FillMode { Pull, Push }

/// <summary>What a cache key is made of (RFC 9111 §2: by default the whole URI, query string included).</summary>
public enum CacheKeyPolicy
{
    /// <summary>The full URL: /a.jpg?utm_source=x and /a.jpg?utm_source=y are two entries.</summary>
    FullUrl,

    /// <summary>The path only (query string normalised away): every tracking variant shares one entry.</summary>
    IgnoreQuery,
}

/// <summary>
/// One CDN experiment: the topology, the content (Zipf popularity — Breslau et al., INFOCOM 1999 — with
/// tracking-parameter variants and updates at the origin), the caching rules and the events (purges).
/// </summary>
public sealed record CdnConfig
{
    public CdnConfig(IReadOnlyList<CdnRegion> regions, TimeSpan ttl, int objects = 10_000, double zipfExponent = 0.9,
        double requestsPerSecond = 200, TimeSpan? duration = null)
    {
        ArgumentNullException.ThrowIfNull(regions);
        if (regions.Count == 0) throw new ArgumentException("A CDN needs at least one region.", nameof(regions));
        Regions = regions;
        Ttl = ttl;
        Objects = Positive(objects, nameof(objects));
        if (!(zipfExponent >= 0) || double.IsInfinity(zipfExponent)) throw new ArgumentOutOfRangeException(nameof(zipfExponent), zipfExponent, "The Zipf exponent must be a finite number ≥ 0 (0 = uniform).");
        ZipfExponent = zipfExponent;
        if (!(requestsPerSecond > 0) || double.IsInfinity(requestsPerSecond)) throw new ArgumentOutOfRangeException(nameof(requestsPerSecond), requestsPerSecond, "The request rate must be positive and finite.");
        RequestsPerSecond = requestsPerSecond;
        Duration = Positive(duration ?? TimeSpan.FromMinutes(10), nameof(duration));
    }

    public IReadOnlyList<CdnRegion> Regions { get; }
    public TimeSpan Ttl { get; init => field = NonNegative(value, nameof(Ttl)); }
    public int Objects { get; }
    public double ZipfExponent { get; }
    public double RequestsPerSecond { get; }
    public TimeSpan Duration { get; }

    /// <summary>Edge → regional cache → origin (tiered caching, "origin shield") rather than edge → origin.</summary>
    public bool Tiered { get; init; } = true;
    public FillMode Fill { get; init; } = FillMode.Pull;
    public CacheKeyPolicy CacheKey { get; init; } = CacheKeyPolicy.IgnoreQuery;

    /// <summary>RFC 5861 stale-while-revalidate: for this long after expiry a cache serves the stale copy at once and refreshes in the background.</summary>
    public TimeSpan StaleWhileRevalidate { get; init => field = NonNegative(value, nameof(StaleWhileRevalidate)); }

    /// <summary>How many distinct tracking query strings each URL is requested with (1 = none).</summary>
    public int QueryVariants { get; init => field = Positive(value, nameof(QueryVariants)); } = 20;

    /// <summary>Mean time between two updates of one object at the origin (null: content never changes).</summary>
    public TimeSpan? MeanUpdateInterval { get; init => field = value is { } v ? Positive(v, nameof(MeanUpdateInterval)) : null; } = TimeSpan.FromMinutes(30);

    /// <summary>Times at which every cache is purged (an "invalidate /*").</summary>
    public IReadOnlyList<TimeSpan> Purges { get; init; } = [];

    /// <summary>The origin's own time to produce an object.</summary>
    public TimeSpan OriginProcessing { get; init => field = NonNegative(value, nameof(OriginProcessing)); } = TimeSpan.FromMilliseconds(20);

    /// <summary>Width of the timeline buckets.</summary>
    public TimeSpan Bucket { get; init => field = Positive(value, nameof(Bucket)); } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Three regions: Europe (origin's region, 40% of users), North America (35%) and Asia (25%), two edges each,
    /// TTL 60 s, tiered, pull, query strings normalised.
    /// </summary>
    public static CdnConfig Default(TimeSpan? ttl = null) => new(
        [
            new CdnRegion("eu", 0.40, 2, TimeSpan.FromMilliseconds(8), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(15)),
            new CdnRegion("na", 0.35, 2, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(12), TimeSpan.FromMilliseconds(90)),
            new CdnRegion("asia", 0.25, 2, TimeSpan.FromMilliseconds(12), TimeSpan.FromMilliseconds(15), TimeSpan.FromMilliseconds(180)),
        ],
        ttl ?? TimeSpan.FromSeconds(60));
}

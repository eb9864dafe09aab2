namespace Course.Gateway;

/// <summary>
/// A pool of destinations and how to spread requests over them: a balancing <see cref="Policy"/> (YARP's built-ins or ours,
/// see <see cref="BalancingPolicies"/>), optional health checks, cookie affinity and retries.
/// </summary>
public sealed record GatewayCluster
{
    public GatewayCluster(string id, IEnumerable<GatewayDestination> destinations)
    {
        Id = Check.Name(id, "cluster id");
        ArgumentNullException.ThrowIfNull(destinations);
        Destinations = destinations.ToArray();
        if (Destinations.Count == 0)
            throw new ArgumentException($"cluster '{id}' has no destinations; an empty backend pool could only ever answer 503", nameof(destinations));
        var duplicate = Destinations.GroupBy(d => d.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"cluster '{id}' lists destination '{duplicate.Key}' {duplicate.Count()} times", nameof(destinations));
    }

    /// <summary>A cluster over the given backends, each with weight 1 (destination id = backend name).</summary>
    public static GatewayCluster Of(string id, IEnumerable<Backends.LoopbackBackend> backends) =>
        new(id, backends.Select(b => new GatewayDestination(b.Name, b.Address)));

    public string Id { get; }
    public IReadOnlyList<GatewayDestination> Destinations { get; }

    /// <summary>A name from <see cref="BalancingPolicies"/> (default: YARP's round robin).</summary>
    public string Policy { get; init; } = BalancingPolicies.RoundRobin;

    public HealthChecking? Health { get; init; }

    /// <summary>Pins a client to the destination that served its first request (a cookie, YARP's session affinity).</summary>
    public bool CookieAffinity { get; init; }

    /// <summary>Retries of idempotent requests on another destination after a 5xx or a transport failure; null: none.</summary>
    public RetryPolicy? Retry { get; init; }
}

/// <summary>
/// Active checks probe <see cref="ActivePath"/> every <see cref="ActiveInterval"/> (a destination is down after
/// <see cref="ActiveThreshold"/> failed probes in a row); passive checks watch live traffic and eject a destination for
/// <see cref="EjectionPeriod"/> after <see cref="PassiveThreshold"/> consecutive failures (Envoy's consecutive-5xx outlier detection).
/// </summary>
public sealed record HealthChecking
{
    public bool Active { get; init; } = true;
    public string ActivePath { get; init; } = Backends.LoopbackBackend.HealthPath;
    public TimeSpan ActiveInterval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan ActiveTimeout { get; init; } = TimeSpan.FromSeconds(1);
    public int ActiveThreshold { get; init; } = 1;
    public bool Passive { get; init; } = true;
    public int PassiveThreshold { get; init; } = 1;
    public TimeSpan EjectionPeriod { get; init; } = TimeSpan.FromSeconds(30);

    internal void Validate(string cluster)
    {
        Check.Positive(ActiveInterval, $"cluster '{cluster}': ActiveInterval");
        Check.Positive(ActiveTimeout, $"cluster '{cluster}': ActiveTimeout");
        Check.Positive(EjectionPeriod, $"cluster '{cluster}': EjectionPeriod");
        if (ActiveThreshold < 1 || PassiveThreshold < 1)
            throw new ArgumentOutOfRangeException(nameof(ActiveThreshold), $"cluster '{cluster}': health thresholds must be at least 1");
        if (Active && !ActivePath.StartsWith('/'))
            throw new ArgumentException($"cluster '{cluster}': the active health path '{ActivePath}' must start with '/'");
    }
}

/// <summary>Up to <see cref="MaxRetries"/> more attempts, each on a destination not tried yet for this request.</summary>
public sealed record RetryPolicy(int MaxRetries = 2)
{
    /// <summary>Pause before each retry (constant back-off; zero by default on loopback).</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.Zero;

    internal void Validate(string cluster)
    {
        if (MaxRetries < 1) throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, $"cluster '{cluster}': a retry policy needs MaxRetries >= 1 (use Retry = null for none)");
        if (Delay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Delay), Delay, $"cluster '{cluster}': retry delay cannot be negative");
    }
}

namespace Course.Gateway.Api;

/// <summary>
/// An API gateway: the L7 routes and clusters plus the edge concerns — JWT authentication (routes with
/// <see cref="GatewayRoute.RequireAuthentication"/>), a per-client rate limit, aggregation routes, and Polly timeouts and
/// circuit breakers per cluster and per aggregate part. Everything is checked when the gateway starts.
/// </summary>
public sealed record ApiGatewayOptions(GatewayConfig Routes)
{
    /// <summary>Whose tokens are accepted; required when any route requires authentication.</summary>
    public TokenIssuer? Tokens { get; init; }

    public RateLimitSpec? RateLimit { get; init; }

    public IReadOnlyList<AggregateRoute> Aggregates { get; init; } = [];

    /// <summary>Timeout + circuit breaker for every cluster and aggregate part; null: calls go straight through.</summary>
    public ResilienceSpec? Resilience { get; init; }

    /// <summary>The clock of the circuit breakers (a test may move it; timeouts still use real timers).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Routes);
        var secured = Routes.Routes.Where(r => r.RequireAuthentication).Select(r => r.Id).ToArray();
        if (secured.Length > 0 && Tokens is null)
            throw new ArgumentException($"routes {string.Join(", ", secured)} require authentication, but no token issuer was configured (set Tokens)");
        RateLimit?.Validate();
        Resilience?.Validate();
        var names = Routes.Clusters.Select(c => c.Id).Concat(Aggregates.SelectMany(a => a.Parts).Select(p => p.Name)).ToArray();
        var clash = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new ArgumentException($"'{clash.Key}' names both a cluster and an aggregate part (or two parts); circuits are per name, so names must be unique");
    }
}

using System.Globalization;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.SessionAffinity;

namespace Course.Gateway;

/// <summary>Translates the course's typed <see cref="GatewayConfig"/> into YARP's <see cref="RouteConfig"/>/<see cref="ClusterConfig"/>.</summary>
internal static class YarpConfigMapper
{
    public const string AffinityCookie = ".Course.Affinity";
    /// <summary>The authorization policy name YARP maps to ASP.NET's default policy (an authenticated user).</summary>
    public const string DefaultAuthorization = "default";

    public static IReadOnlyList<RouteConfig> Routes(GatewayConfig config) =>
        config.Routes.Select(route => new RouteConfig
        {
            RouteId = route.Id,
            ClusterId = route.Cluster,
            Order = route.Order,
            AuthorizationPolicy = route.RequireAuthentication ? DefaultAuthorization : null,
            RateLimiterPolicy = route.RateLimitPolicy,
            Match = new RouteMatch
            {
                Path = route.Path,
                Headers = route.Headers.Count == 0 ? null : route.Headers
                    .Select(h => new RouteHeader { Name = h.Key, Values = [h.Value], Mode = HeaderMatchMode.ExactHeader })
                    .ToArray(),
            },
            Transforms = route.StripPrefix is { } prefix
                ? [new Dictionary<string, string> { ["PathRemovePrefix"] = prefix }]
                : null,
        }).ToArray();

    public static IReadOnlyList<ClusterConfig> Clusters(GatewayConfig config) =>
        config.Clusters.Select(cluster => new ClusterConfig
        {
            ClusterId = cluster.Id,
            LoadBalancingPolicy = cluster.Policy,
            Destinations = cluster.Destinations.ToDictionary(d => d.Id, d => new DestinationConfig
            {
                Address = d.Address.ToString(),
                Metadata = new Dictionary<string, string> { [CoursePolicyAdapter.WeightMetadata] = d.Weight.ToString(CultureInfo.InvariantCulture) },
            }, StringComparer.OrdinalIgnoreCase),
            SessionAffinity = cluster.CookieAffinity
                ? new SessionAffinityConfig
                {
                    Enabled = true,
                    Policy = SessionAffinityConstants.Policies.HashCookie,    // a hash of the destination id: no data-protection keys on disk
                    FailurePolicy = SessionAffinityConstants.FailurePolicies.Redistribute,
                    AffinityKeyName = AffinityCookie,
                }
                : null,
            HealthCheck = cluster.Health is { } health ? HealthCheck(health) : null,
            Metadata = cluster.Health is { } h
                ? new Dictionary<string, string>
                {
                    ["ConsecutiveFailuresHealthPolicy.Threshold"] = h.ActiveThreshold.ToString(CultureInfo.InvariantCulture),
                    [ConsecutiveFailuresEjection.ThresholdMetadata] = h.PassiveThreshold.ToString(CultureInfo.InvariantCulture),
                }
                : null,
        }).ToArray();

    private static HealthCheckConfig HealthCheck(HealthChecking health) => new()
    {
        Active = new ActiveHealthCheckConfig
        {
            Enabled = health.Active,
            Interval = health.ActiveInterval,
            Timeout = health.ActiveTimeout,
            Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
            Path = health.ActivePath,
        },
        Passive = new PassiveHealthCheckConfig
        {
            Enabled = health.Passive,
            Policy = ConsecutiveFailuresEjection.PolicyName,
            ReactivationPeriod = health.EjectionPeriod,
        },
    };
}

using Microsoft.AspNetCore.Routing.Patterns;

namespace Course.Gateway;

/// <summary>
/// Everything an <see cref="L7Gateway"/> routes: typed routes and clusters, plus the course policies the clusters may name.
/// The constructor checks the whole graph — unique ids, a known cluster for every route, parseable path patterns, known
/// policies — so a mistake is an <see cref="ArgumentException"/> naming it, at configuration time, never a 404/503 later.
/// </summary>
public sealed record GatewayConfig
{
    public GatewayConfig(IEnumerable<GatewayRoute> routes, IEnumerable<GatewayCluster> clusters, IEnumerable<CoursePolicyRegistration>? policies = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(clusters);
        Routes = routes.ToArray();
        Clusters = clusters.ToArray();
        Policies = BalancingPolicies.CourseBuiltIns.Concat(policies ?? []).ToArray();
        Validate();
    }

    /// <summary>The simplest gateway: every path (<c>/{**path}</c>) goes to one cluster.</summary>
    public static GatewayConfig CatchAll(GatewayCluster cluster, params CoursePolicyRegistration[] policies) =>
        new([new GatewayRoute("all", "/{**path}", cluster.Id)], [cluster], policies);

    public IReadOnlyList<GatewayRoute> Routes { get; }
    public IReadOnlyList<GatewayCluster> Clusters { get; }
    /// <summary>The course's built-in policies (<see cref="BalancingPolicies.CourseBuiltIns"/>), then any given to the constructor.</summary>
    public IReadOnlyList<CoursePolicyRegistration> Policies { get; }

    private void Validate()
    {
        if (Routes.Count == 0) throw new ArgumentException("a gateway needs at least one route (none were given)", "routes");
        if (Clusters.Count == 0) throw new ArgumentException("a gateway needs at least one cluster (none were given)", "clusters");
        Unique(Routes.Select(r => r.Id), "route");
        Unique(Clusters.Select(c => c.Id), "cluster");
        Unique(Policies.Select(p => p.Name), "course policy");

        var clusters = Clusters.Select(c => c.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var policies = BalancingPolicies.Yarp.Concat(Policies.Select(p => p.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var route in Routes)
        {
            if (!clusters.Contains(route.Cluster))
                throw new ArgumentException($"route '{route.Id}' sends to cluster '{route.Cluster}', which is not configured; known clusters: {string.Join(", ", clusters)}", "routes");
            try { RoutePatternFactory.Parse(route.Path); }
            catch (RoutePatternException e)
            {
                throw new ArgumentException($"route '{route.Id}' has a malformed path pattern '{route.Path}': {e.Message}", "routes", e);
            }
            if (route.StripPrefix is { } prefix && !prefix.StartsWith('/'))
                throw new ArgumentException($"route '{route.Id}': StripPrefix '{prefix}' must start with '/'", "routes");
            foreach (var (name, value) in route.Headers)
                if (string.IsNullOrWhiteSpace(name) || string.IsNullOrEmpty(value))
                    throw new ArgumentException($"route '{route.Id}' has a header match with an empty name or value ('{name}': '{value}')", "routes");
        }
        foreach (var cluster in Clusters)
        {
            if (!policies.Contains(cluster.Policy))
                throw new ArgumentException($"cluster '{cluster.Id}' uses balancing policy '{cluster.Policy}', which is neither YARP's nor a registered course policy; known: {string.Join(", ", policies)}", "clusters");
            cluster.Health?.Validate(cluster.Id);
            cluster.Retry?.Validate(cluster.Id);
        }
    }

    private static void Unique(IEnumerable<string> ids, string what)
    {
        var duplicate = ids.GroupBy(id => id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"{what} id '{duplicate.Key}' is used {duplicate.Count()} times; ids must be unique");
    }
}

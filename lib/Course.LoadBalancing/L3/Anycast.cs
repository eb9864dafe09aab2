namespace Course.LoadBalancing.L3;

/// <summary>A site announcing the anycast prefix, at a point on a plane (1 unit ≈ 1 ms of round trip).</summary>
public sealed record AnycastSite(string Name, double X, double Y);

/// <summary>One client's view: the site BGP sends it to and its round-trip time, before and after a site failure.</summary>
public sealed record AnycastClient(int Id, double X, double Y, string SiteBefore, double RttBefore, string SiteAfter, double RttAfter, bool ClosestBefore)
{
    /// <summary>Its packets now reach another site: that site has no state for its TCP connection, so the connection resets.</summary>
    public bool Moved => SiteBefore != SiteAfter;
}

public sealed record AnycastReport(IReadOnlyList<AnycastClient> Clients, string? FailedSite)
{
    public double MeanRttBefore => Clients.Average(c => c.RttBefore);
    public double MeanRttAfter => Clients.Average(c => c.RttAfter);
    public int Moved => Clients.Count(c => c.Moved);

    /// <summary>How often BGP's choice is also the lowest-latency site (routing follows policy and AS paths, not latency).</summary>
    public double ClosestSiteFraction => (double)Clients.Count(c => c.ClosestBefore) / Clients.Count;
}

/// <summary>
/// Anycast (RFC 4786): every site announces the same prefix and BGP delivers each client's packets to the site
/// with the best route. The route cost here is the distance stretched by a per-client, per-site factor (AS-path
/// and policy detours), so the chosen site is usually but not always the nearest (Li et al., SIGCOMM 2018,
/// found anycast often misses the lowest-latency site). When a site withdraws its route, its clients fall over
/// to their next best site with no DNS change — and lose their open connections; the others do not notice.
/// </summary>
public static class Anycast
{
    public static AnycastReport Simulate(IReadOnlyList<AnycastSite> sites, int clients, int seed, string? failedSite = null, double routeStretch = 0.5)
    {
        ArgumentNullException.ThrowIfNull(sites);
        if (sites.Count == 0) throw new ArgumentException("Anycast needs at least one site.", nameof(sites));
        if (failedSite is not null && sites.All(s => s.Name != failedSite)) throw new ArgumentException($"No site named '{failedSite}'.", nameof(failedSite));
        if (failedSite is not null && sites.Count == 1) throw new ArgumentException("Failing the only site leaves nothing to route to.", nameof(failedSite));
        if (clients <= 0) throw new ArgumentOutOfRangeException(nameof(clients), clients, "Simulate at least one client.");
        if (!(routeStretch >= 0) || double.IsInfinity(routeStretch)) throw new ArgumentOutOfRangeException(nameof(routeStretch), routeStretch, "routeStretch must be finite and ≥ 0.");

        var random = new Random(seed);
        var (minX, maxX) = (sites.Min(s => s.X) - 20, sites.Max(s => s.X) + 20);
        var (minY, maxY) = (sites.Min(s => s.Y) - 20, sites.Max(s => s.Y) + 20);
        var result = new List<AnycastClient>(clients);
        for (var id = 0; id < clients; id++)
        {
            var (x, y) = (minX + random.NextDouble() * (maxX - minX), minY + random.NextDouble() * (maxY - minY));
            var options = sites.Select(s =>
            {
                var rtt = 2 + Math.Sqrt((s.X - x) * (s.X - x) + (s.Y - y) * (s.Y - y));
                return (Site: s.Name, Rtt: rtt, RouteCost: rtt * (1 + routeStretch * random.NextDouble()));
            }).ToArray();
            var before = options.MinBy(o => o.RouteCost);
            var after = options.Where(o => o.Site != failedSite).MinBy(o => o.RouteCost);
            var closest = options.MinBy(o => o.Rtt).Site == before.Site;
            result.Add(new AnycastClient(id, x, y, before.Site, before.Rtt, after.Site, after.Rtt, closest));
        }
        return new AnycastReport(result, failedSite);
    }

    /// <summary>Five sites on a rough world map (units ≈ ms of round trip).</summary>
    public static IReadOnlyList<AnycastSite> WorldSites { get; } =
    [
        new("ashburn", 20, 60), new("san-jose", -40, 60), new("frankfurt", 100, 70), new("singapore", 200, 20), new("sao-paulo", 40, -20),
    ];
}

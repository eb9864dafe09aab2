namespace Course.LoadBalancing.ECommerce;

/// <summary>A tier behind the front end (catalog, cart, checkout): its share of requests, its mean service time at speed 1, its servers.</summary>
public sealed record TierSpec
{
    public TierSpec(string name, double share, TimeSpan meanServiceTime, IReadOnlyList<ServerSpec> servers)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A tier needs a name.", nameof(name));
        if (!(share > 0) || double.IsInfinity(share)) throw new ArgumentOutOfRangeException(nameof(share), share, $"Tier '{name}': its share of requests must be positive.");
        ArgumentNullException.ThrowIfNull(servers);
        if (servers.Count == 0) throw new ArgumentException($"Tier '{name}' has no servers.", nameof(servers));
        var dup = servers.GroupBy(s => s.Id).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"Tier '{name}': server id '{dup.Key}' appears twice.", nameof(servers));
        Name = name;
        Share = share;
        MeanServiceTime = Course.Simulation.Guard.Positive(meanServiceTime, nameof(meanServiceTime));
        Servers = servers;
    }

    public string Name { get; }
    public double Share { get; }
    public TimeSpan MeanServiceTime { get; }
    public IReadOnlyList<ServerSpec> Servers { get; }
}

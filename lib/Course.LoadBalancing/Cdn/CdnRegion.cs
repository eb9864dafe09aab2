using static Course.Simulation.Guard;

namespace Course.LoadBalancing.Cdn;

/// <summary>
/// A region of users with its own edge caches (<see cref="Edges"/> points of presence) and one regional cache.
/// Round-trip times: user ↔ edge, edge ↔ regional cache, and from the region's caches to the origin.
/// </summary>
public sealed record CdnRegion
{
    public CdnRegion(string name, double userShare, int edges, TimeSpan userToEdge, TimeSpan edgeToRegional, TimeSpan toOrigin)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A region needs a name.", nameof(name));
        if (!(userShare > 0) || double.IsInfinity(userShare)) throw new ArgumentOutOfRangeException(nameof(userShare), userShare, $"Region '{name}': the user share must be positive.");
        Name = name;
        UserShare = userShare;
        Edges = Positive(edges, nameof(edges));
        UserToEdge = NonNegative(userToEdge, nameof(userToEdge));
        EdgeToRegional = NonNegative(edgeToRegional, nameof(edgeToRegional));
        ToOrigin = NonNegative(toOrigin, nameof(toOrigin));
    }

    public string Name { get; }
    public double UserShare { get; }
    public int Edges { get; }
    public TimeSpan UserToEdge { get; }
    public TimeSpan EdgeToRegional { get; }
    public TimeSpan ToOrigin { get; }
}

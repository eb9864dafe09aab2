using Course.Distributed.Hashing;

namespace Course.LoadBalancing.Policies;

/// <summary>
/// Consistent hashing with bounded loads (Mirrokni, Thorup &amp; Zadimoghaddam, SODA 2018; HAProxy's
/// hash-balance-factor, Vimeo 2016) applied to live load: a request goes to its key's successor on the ring
/// (affinity: the same key, the same backend — warm caches, sessions) unless that backend already has its
/// share of the requests in flight, capacity ⌈(1+ε)·(m+1)·wᵢ/W⌉; then it walks clockwise to the first backend
/// with room. Hot keys spill over instead of melting one server; with ε → ∞ it is the plain ring.
/// The ring is week 3's <see cref="ConsistentHashRing"/>, rebuilt when the healthy set changes.
/// </summary>
public sealed class BoundedLoadConsistentHashing : ILoadBalancingPolicy
{
    /// <summary>HAProxy's hash-balance-factor 125 and the Vimeo deployment: 25% above average.</summary>
    public const double DefaultEpsilon = 0.25;

    private readonly MembershipCache<Ring> _ring;

    public BoundedLoadConsistentHashing(double epsilon = DefaultEpsilon, int virtualNodes = 100)
    {
        if (!(epsilon > 0) || double.IsNaN(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The load bound ε must be positive (use double.PositiveInfinity for an unbounded ring).");
        if (virtualNodes <= 0) throw new ArgumentOutOfRangeException(nameof(virtualNodes), virtualNodes, "Each backend needs at least one point on the ring.");
        Epsilon = epsilon;
        VirtualNodes = virtualNodes;
        _ring = new(members => new Ring(members, virtualNodes));
    }

    public double Epsilon { get; }
    public int VirtualNodes { get; }
    public string Name => double.IsPositiveInfinity(Epsilon) ? "hash-ring" : $"hash-bounded(ε={Epsilon:0.##})";

    public BackendState? Pick(IReadOnlyList<BackendState> healthy, RequestContext context)
    {
        if (healthy.Count == 0) return null;
        var ring = _ring.Get(healthy);
        double inFlight = 1, weight = 0;   // the request being placed counts
        foreach (var b in healthy) { inFlight += b.InFlight; weight += b.EffectiveWeight(context.Now); }
        var start = ring.Successor(RequestKeys.Hash(context));
        for (var step = 0; step < ring.Owners.Length; step++)
        {
            var b = ring.Owners[(start + step) % ring.Owners.Length];
            var capacity = Math.Ceiling((1 + Epsilon) * inFlight * b.EffectiveWeight(context.Now) / weight);
            if (b.InFlight < capacity) return b;
        }
        // Capacities add up to (1+ε)·(m+1) > m, so some backend always has room; reaching here is a bug.
        throw new InvalidOperationException("Bounded-load ring found no backend with room.");
    }

    private sealed class Ring
    {
        private readonly ulong[] _points;

        public Ring(IReadOnlyList<BackendState> members, int virtualNodes)
        {
            var byId = members.ToDictionary(b => b.Id, StringComparer.Ordinal);
            var ring = new ConsistentHashRing(members.Select(b => b.Id), virtualNodes);
            _points = ring.Points.Select(p => p.Hash).ToArray();
            Owners = ring.Points.Select(p => byId[p.Node]).ToArray();
        }

        public BackendState[] Owners { get; }

        /// <summary>The first ring point at or after <paramref name="hash"/>, wrapping past the top.</summary>
        public int Successor(ulong hash)
        {
            var i = Array.BinarySearch(_points, hash);
            if (i < 0) i = ~i;
            return i == _points.Length ? 0 : i;
        }
    }
}

namespace Course.LoadBalancing.L3;

public enum EcmpHashing
{
    /// <summary>next hop = hash mod n (RFC 2992's "modulo-N"): when n changes, almost every flow moves.</summary>
    Modulo,

    /// <summary>
    /// Resilient hashing (Broadcom's; Linux "nexthop group type resilient", 5.13): a fixed table of buckets maps
    /// hash → next hop; when a hop fails only its buckets are handed to the survivors, so only its flows move.
    /// </summary>
    Resilient,
}

/// <summary>
/// An equal-cost multipath route: one destination, several next hops (links), a flow hash choosing among the live
/// ones. Immutable: <see cref="Without"/> and <see cref="With"/> return the group after a link goes down or up.
/// </summary>
public sealed class EcmpGroup
{
    private readonly string[] _live;
    private readonly string[] _buckets;   // resilient mode: bucket → next hop

    public EcmpGroup(IEnumerable<string> nextHops, EcmpHashing hashing, int buckets = 256)
    {
        ArgumentNullException.ThrowIfNull(nextHops);
        _live = nextHops.ToArray();
        if (_live.Length == 0) throw new ArgumentException("An ECMP group needs at least one next hop.", nameof(nextHops));
        if (_live.Distinct().Count() != _live.Length) throw new ArgumentException("ECMP next hops must be distinct.", nameof(nextHops));
        if (buckets < _live.Length) throw new ArgumentOutOfRangeException(nameof(buckets), buckets, $"A resilient table needs at least one bucket per next hop ({_live.Length}).");
        Hashing = hashing;
        _buckets = Enumerable.Range(0, buckets).Select(i => _live[i % _live.Length]).ToArray();
    }

    private EcmpGroup(string[] live, EcmpHashing hashing, string[] buckets) => (_live, Hashing, _buckets) = (live, hashing, buckets);

    public EcmpHashing Hashing { get; }
    public IReadOnlyList<string> NextHops => _live;

    /// <summary>The link a flow takes: a pure function of its five-tuple and the group, so every packet of the flow agrees.</summary>
    public string Route(FiveTuple flow)
    {
        var h = flow.Hash();
        return Hashing == EcmpHashing.Modulo
            ? _live[(int)(h % (ulong)_live.Length)]
            : _buckets[(int)(h % (ulong)_buckets.Length)];
    }

    /// <summary>The group after <paramref name="hop"/> fails: modulo re-divides; resilient re-assigns only the failed hop's buckets.</summary>
    public EcmpGroup Without(string hop)
    {
        if (!_live.Contains(hop)) throw new ArgumentException($"'{hop}' is not a live next hop of this group.", nameof(hop));
        if (_live.Length == 1) throw new InvalidOperationException("Removing the last next hop leaves no route.");
        var live = _live.Where(h => h != hop).ToArray();
        var buckets = (string[])_buckets.Clone();
        var next = 0;
        for (var i = 0; i < buckets.Length; i++)
            if (buckets[i] == hop) buckets[i] = LeastLoaded(buckets, live, ref next);
        return new EcmpGroup(live, Hashing, buckets);
    }

    /// <summary>The group after <paramref name="hop"/> comes (back) up: it takes an even share of buckets from the others.</summary>
    public EcmpGroup With(string hop)
    {
        if (_live.Contains(hop)) throw new ArgumentException($"'{hop}' is already live.", nameof(hop));
        var live = _live.Append(hop).ToArray();
        var buckets = (string[])_buckets.Clone();
        var share = buckets.Length / live.Length;
        var counts = live.ToDictionary(h => h, h => buckets.Count(b => b == h));
        for (var i = 0; i < buckets.Length && counts[hop] < share; i++)
            if (counts[buckets[i]] > share) { counts[buckets[i]]--; buckets[i] = hop; counts[hop]++; }
        return new EcmpGroup(live, Hashing, buckets);
    }

    // Hand the failed hop's buckets out in turn to the survivors with the fewest, keeping the table even.
    private static string LeastLoaded(string[] buckets, string[] live, ref int next)
    {
        var counts = live.Select(h => buckets.Count(b => b == h)).ToArray();
        var min = counts.Min();
        for (var k = 0; k < live.Length; k++)
        {
            var i = (next + k) % live.Length;
            if (counts[i] == min) { next = i + 1; return live[i]; }
        }
        return live[0];
    }
}

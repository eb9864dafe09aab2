using Course.Distributed.Hashing;

namespace Course.LoadBalancing.Policies;

/// <summary>
/// Maglev (Eisenbud et al., NSDI 2016), Google's L4 balancer: a request's key hash indexes a prime-sized lookup
/// table in which every backend owns an almost equal number of slots, so a pick is one array read, load is
/// even, and when a backend fails only about 1/n of the keys move (plus a few slots of the survivors).
/// The table is week 3's <see cref="MaglevHashing"/>, rebuilt when the healthy set changes — Maglev's
/// connection tracking that keeps established flows in place is the caller's job (see the ECMP simulation).
/// </summary>
public sealed class Maglev : ILoadBalancingPolicy
{
    private readonly MembershipCache<Table> _table;

    public Maglev(int tableSize = MaglevHashing.DefaultTableSize)
    {
        // Checked here, not at the first pick: MaglevHashing needs a prime size so every skip makes a full permutation.
        if (!IsPrime(tableSize)) throw new ArgumentOutOfRangeException(nameof(tableSize), tableSize, $"The Maglev table size must be prime (the paper uses 65537); {tableSize} is not.");
        TableSize = tableSize;
        _table = new(members => new Table(members, tableSize));
    }

    public int TableSize { get; }
    public string Name => "maglev";

    public BackendState? Pick(IReadOnlyList<BackendState> healthy, RequestContext context)
    {
        if (healthy.Count == 0) return null;
        var t = _table.Get(healthy);
        return t.ById[t.Hashing.Locate(RequestKeys.Hash(context))];
    }

    private static bool IsPrime(int n)
    {
        if (n < 2) return false;
        for (var d = 2; (long)d * d <= n; d++)
            if (n % d == 0) return false;
        return true;
    }

    private sealed class Table(IReadOnlyList<BackendState> members, int size)
    {
        public MaglevHashing Hashing { get; } = new(members.Select(b => b.Id), size);
        public Dictionary<string, BackendState> ById { get; } = members.ToDictionary(b => b.Id, StringComparer.Ordinal);
    }
}

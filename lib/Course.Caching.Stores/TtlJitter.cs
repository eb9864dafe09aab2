namespace Course.Caching.Stores;

/// <summary>
/// Time-to-live with jitter: each entry lives <see cref="BaseTtl"/> × (1 ± <see cref="Jitter"/>), drawn uniformly.
/// Entries written together (a warm-up, a deploy, a batch import) would otherwise expire together and send every
/// reader to the database in the same instant — a synchronised stampede. Seeded, so a run can be replayed.
/// </summary>
public sealed class TtlJitter
{
    private readonly Random _random;
    private readonly Lock _sync = new();

    public TtlJitter(TimeSpan baseTtl, double jitter, int seed)
    {
        if (baseTtl <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(baseTtl), baseTtl, "baseTtl must be positive.");
        if (jitter is < 0 or >= 1 || double.IsNaN(jitter))
            throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "jitter must be in [0, 1): a fraction of the base TTL.");
        BaseTtl = baseTtl;
        Jitter = jitter;
        Seed = seed;
        _random = new Random(seed);
    }

    public TimeSpan BaseTtl { get; }
    public double Jitter { get; }
    public int Seed { get; }

    /// <summary>The smallest and largest TTL <see cref="Next"/> can return.</summary>
    public (TimeSpan Min, TimeSpan Max) Range => (BaseTtl * (1 - Jitter), BaseTtl * (1 + Jitter));

    public TimeSpan Next()
    {
        double u;
        lock (_sync) u = _random.NextDouble();
        return BaseTtl * (1 + Jitter * (2 * u - 1));
    }

    /// <summary>No jitter: every entry lives exactly <paramref name="ttl"/>.</summary>
    public static TtlJitter Fixed(TimeSpan ttl) => new(ttl, 0, seed: 0);

    public override string ToString() => $"TTL {BaseTtl.TotalSeconds:0.###} s ± {Jitter:P0} (seed {Seed})";
}

namespace Course.Caching;

/// <summary>Hits and misses of the accesses (<see cref="ICache{TKey,TValue}.TryGet"/>) a cache has served.</summary>
public readonly record struct CacheStats(long Hits, long Misses)
{
    public long Accesses => Hits + Misses;

    /// <summary>Hits / accesses; 0 before the first access (not NaN, so it charts and sorts).</summary>
    public double HitRatio => Accesses == 0 ? 0 : (double)Hits / Accesses;

    public override string ToString() => $"{Hits} hits, {Misses} misses ({HitRatio:P1})";
}

namespace Course.Caching.Stores.Strategies;

/// <summary>The read path the write policies share: the cache, else the database and fill the cache.</summary>
internal static class CacheLoads
{
    public static async Task<string?> ReadAsync(RedisCache cache, SqliteStore database, TtlJitter ttl, string key,
        CancellationToken cancellationToken, Func<string, Task>? beforeFill = null)
    {
        var cached = await cache.GetAsync(key).ConfigureAwait(false);
        if (cached is not null) return cached;
        var value = await database.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (value is null) return null;   // absent keys are not cached (no negative caching)
        if (beforeFill is not null) await beforeFill(key).ConfigureAwait(false);
        await cache.SetAsync(key, value, ttl.Next()).ConfigureAwait(false);
        return value;
    }
}

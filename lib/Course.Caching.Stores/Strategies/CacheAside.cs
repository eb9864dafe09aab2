namespace Course.Caching.Stores.Strategies;

/// <summary>
/// Cache-aside (lazy loading): the application talks to both stores itself. Read: the cache, and on a miss the
/// database, then put the value in the cache. Write: the database, then delete the cached copy (invalidate rather
/// than update, so two racing writers cannot leave the older value cached).
/// The classic race remains: a reader that missed can put a value it read *before* a concurrent write back into
/// the cache *after* that write's delete — a stale entry until its TTL ends (see <see cref="CacheAsideRace"/>).
/// </summary>
public sealed class CacheAside(RedisCache cache, SqliteStore database, TtlJitter ttl) : ICacheStrategy
{
    /// <summary>
    /// Runs between the database read and the cache fill of a miss: a test or a notebook uses it to interleave a
    /// writer deterministically at the one point where the race happens. Null: no pause.
    /// </summary>
    public Func<string, Task>? BeforeCacheFill { get; init; }

    public string Name => "cache-aside";

    // Read: cache → on a miss the database → fill the cache (CacheLoads spells out the three steps).
    public async Task<string?> ReadAsync(string key, CancellationToken cancellationToken = default) =>
        await CacheLoads.ReadAsync(cache, database, ttl, key, cancellationToken, BeforeCacheFill).ConfigureAwait(false);

    public async Task WriteAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        await database.PutAsync(key, value, cancellationToken).ConfigureAwait(false);
        await cache.DeleteAsync(key).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

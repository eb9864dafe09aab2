namespace Course.Caching.Stores.Strategies;

/// <summary>
/// Write-through: a write goes to the database and then to the cache, synchronously, before it returns — the
/// cache always holds what was last written (no miss after a write, no stale read from this process) at the price
/// of two round trips per write and of caching values nobody may read. Database first: if the cache write fails,
/// the durable copy is right and the cache entry is merely missing. Reads load through the cache.
/// </summary>
public sealed class WriteThrough(RedisCache cache, SqliteStore database, TtlJitter ttl) : ICacheStrategy
{
    public string Name => "write-through";

    public async Task<string?> ReadAsync(string key, CancellationToken cancellationToken = default) =>
        await CacheLoads.ReadAsync(cache, database, ttl, key, cancellationToken).ConfigureAwait(false);

    public async Task WriteAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        await database.PutAsync(key, value, cancellationToken).ConfigureAwait(false);
        await cache.SetAsync(key, value, ttl.Next()).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

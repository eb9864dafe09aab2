namespace Course.Caching.Stores.Strategies;

/// <summary>
/// Write-around: writes go to the database only and leave the cache alone; the cache fills on read misses. Good
/// for data written once and rarely read back (logs, bulk imports), which would only evict useful entries. The
/// price: a key that was cached before the write keeps serving the old value until its TTL ends — the tests
/// show it. (Deleting the cached copy on write turns this into cache-aside's write path.)
/// </summary>
public sealed class WriteAround(RedisCache cache, SqliteStore database, TtlJitter ttl) : ICacheStrategy
{
    public string Name => "write-around";

    public async Task<string?> ReadAsync(string key, CancellationToken cancellationToken = default) =>
        await CacheLoads.ReadAsync(cache, database, ttl, key, cancellationToken).ConfigureAwait(false);

    public Task WriteAsync(string key, string value, CancellationToken cancellationToken = default) =>
        database.PutAsync(key, value, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

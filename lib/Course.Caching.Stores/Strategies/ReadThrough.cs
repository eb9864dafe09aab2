namespace Course.Caching.Stores.Strategies;

/// <summary>
/// Read-through: the cache loads on a miss, through a loader it was given, so the application only ever asks
/// the cache. Because the load is the cache's own, it can coalesce concurrent misses of one key into one database
/// query (<see cref="SingleFlight{TKey,TValue}"/>) — the stampede protection cache-aside leaves to every caller.
/// Writes go to the database and invalidate the cached copy.
/// </summary>
public sealed class ReadThrough : ICacheStrategy
{
    private readonly RedisCache _cache;
    private readonly SqliteStore _database;
    private readonly TtlJitter _ttl;
    private readonly SingleFlight<string, string?>? _flights;

    /// <param name="singleFlight">Coalesce concurrent misses of a key into one load (default on).</param>
    public ReadThrough(RedisCache cache, SqliteStore database, TtlJitter ttl, bool singleFlight = true)
    {
        _cache = cache;
        _database = database;
        _ttl = ttl;
        _flights = singleFlight ? new SingleFlight<string, string?>() : null;
    }

    public string Name => _flights is null ? "read-through" : "read-through + single-flight";

    /// <summary>Loads that joined one already in flight (0 without single-flight).</summary>
    public long CoalescedLoads => _flights?.Coalesced ?? 0;

    public async Task<string?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var cached = await _cache.GetAsync(key).ConfigureAwait(false);
        if (cached is not null) return cached;
        return _flights is null
            ? await LoadAsync(key).ConfigureAwait(false)
            : await _flights.DoAsync(key, LoadAsync).ConfigureAwait(false);

        async Task<string?> LoadAsync(string k)
        {
            var value = await _database.GetAsync(k, cancellationToken).ConfigureAwait(false);
            if (value is not null) await _cache.SetAsync(k, value, _ttl.Next()).ConfigureAwait(false);
            return value;
        }
    }

    public async Task WriteAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        await _database.PutAsync(key, value, cancellationToken).ConfigureAwait(false);
        await _cache.DeleteAsync(key).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

using StackExchange.Redis;

namespace Course.Caching.Stores.Strategies;

/// <summary>
/// Cache-aside with leases (Nishtala et al., "Scaling Memcache at Facebook", NSDI 2013, §3.2.1): a reader that misses
/// takes a lease — a random token stored beside the key (SET NX, short expiry) — and may fill the cache only while its
/// lease is still there. A write deletes the key *and* its lease, so a reader that read the database before the write
/// finds its lease gone and its (stale) fill is refused: the stale-set race of <see cref="CacheAside"/> cannot happen.
/// The check-and-set is one Lua script, atomic in Redis. A reader that misses while another holds the lease does not
/// query the database at once: it waits a little for the holder's fill (which also damps stampedes across processes).
/// </summary>
public sealed class LeasedCacheAside(RedisCache cache, SqliteStore database, TtlJitter ttl) : ICacheStrategy
{
    // KEYS[1] = the key, KEYS[2] = its lease; ARGV[1] = our token, ARGV[2] = the value, ARGV[3] = TTL in ms.
    private const string FillIfLeaseHeld = """
        if redis.call('GET', KEYS[2]) == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
          redis.call('DEL', KEYS[2])
          return 1
        end
        return 0
        """;

    /// <summary>How long a lease lives if its holder dies before filling (the next miss then takes a new one).</summary>
    public TimeSpan LeaseTime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Runs between the database read and the fill (see <see cref="CacheAside.BeforeCacheFill"/>).</summary>
    public Func<string, Task>? BeforeCacheFill { get; init; }

    /// <summary>Fills refused because a write took the lease away: stale sets prevented.</summary>
    public long RefusedFills => Interlocked.Read(ref _refused);
    private long _refused;

    public string Name => "cache-aside + leases";

    public async Task<string?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 20; attempt++)   // bounded: 20 × 10 ms waiting for another reader's fill
        {
            var cached = await cache.GetAsync(key).ConfigureAwait(false);
            if (cached is not null) return cached;
            var token = Guid.NewGuid().ToString("N");
            if (await cache.Database.StringSetAsync(LeaseOf(key), token, LeaseTime, When.NotExists).ConfigureAwait(false))
            {
                // The previous holder may have filled (value set, lease deleted, atomically) between our miss and our lease:
                // look again before going to the database.
                if (await cache.PeekAsync(key).ConfigureAwait(false) is { } filled)
                {
                    await cache.Database.KeyDeleteAsync(LeaseOf(key)).ConfigureAwait(false);
                    return filled;
                }
                return await LoadAndFillAsync(key, token, cancellationToken).ConfigureAwait(false);
            }
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
        return await database.GetAsync(key, cancellationToken).ConfigureAwait(false);   // the holder is slow: read, don't fill
    }

    public async Task WriteAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        await database.PutAsync(key, value, cancellationToken).ConfigureAwait(false);
        await cache.Database.KeyDeleteAsync([cache.KeyOf(key), LeaseOf(key)]).ConfigureAwait(false);   // invalidate value and lease
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<string?> LoadAndFillAsync(string key, string token, CancellationToken cancellationToken)
    {
        var value = await database.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (value is null)
        {
            await cache.Database.KeyDeleteAsync(LeaseOf(key)).ConfigureAwait(false);
            return null;
        }
        if (BeforeCacheFill is { } pause) await pause(key).ConfigureAwait(false);
        var filled = (int)await cache.Database.ScriptEvaluateAsync(FillIfLeaseHeld, [cache.KeyOf(key), LeaseOf(key)],
            [token, value, (long)ttl.Next().TotalMilliseconds]).ConfigureAwait(false);
        if (filled == 0) Interlocked.Increment(ref _refused);
        return value;
    }

    private RedisKey LeaseOf(string key) => cache.KeyOf(key).Append(":lease");
}

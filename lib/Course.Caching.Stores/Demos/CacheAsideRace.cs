using Course.Caching.Stores.Strategies;

namespace Course.Caching.Stores.Demos;

/// <summary>
/// The stale-set race of cache-aside, forced in one deterministic interleaving (Nishtala et al., "Scaling Memcache
/// at Facebook", NSDI 2013, §3.2.1 "stale sets"):
/// <code>
///   reader: GET cache → miss;  SELECT → v1
///   writer:                                UPDATE → v2;  DEL cache
///   reader:                                                           SET cache = v1   ← stale, until the TTL
/// </code>
/// The reader is paused at the one point that matters (between its SELECT and its SET) with a gate, so the race
/// happens every run, not one run in a thousand. With <c>leases</c> the reader is a <see cref="LeasedCacheAside"/>:
/// the writer's delete takes its lease away and its stale fill is refused.
/// </summary>
public static class CacheAsideRace
{
    public static async Task<RaceOutcome> RunAsync(RedisCache cache, SqliteStore database, TtlJitter ttl, bool leases = false, string key = "product:race")
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(database);
        await database.PutAsync(key, "v1").ConfigureAwait(false);
        await cache.DeleteAsync(key).ConfigureAwait(false);
        var steps = new List<string>();
        var readerHasRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writerDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<string, Task> pause = async _ =>
        {
            readerHasRead.SetResult();
            await writerDone.Task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        };
        ICacheStrategy reader = leases
            ? new LeasedCacheAside(cache, database, ttl) { BeforeCacheFill = pause }
            : new CacheAside(cache, database, ttl) { BeforeCacheFill = pause };
        ICacheStrategy writer = leases ? new LeasedCacheAside(cache, database, ttl) : new CacheAside(cache, database, ttl);

        steps.Add(leases ? "reader: GET cache → miss; take a lease; SELECT → v1 (then paused)" : "reader: GET cache → miss; SELECT → v1 (then paused)");
        var read = reader.ReadAsync(key);
        await readerHasRead.Task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        await writer.WriteAsync(key, "v2").ConfigureAwait(false);
        steps.Add(leases ? "writer: UPDATE → v2; DEL cache and the lease" : "writer: UPDATE → v2; DEL cache");
        writerDone.SetResult();
        var firstRead = await read.ConfigureAwait(false);
        steps.Add(leases
            ? $"reader: SET cache = {firstRead} only if its lease is still held → {(await cache.PeekAsync(key).ConfigureAwait(false) is null ? "refused (the write took the lease)" : "done")}; returns {firstRead}"
            : $"reader: SET cache = {firstRead}; returns {firstRead}");
        var laterRead = await writer.ReadAsync(key).ConfigureAwait(false);
        steps.Add($"anyone, later: read → {laterRead}");
        return new RaceOutcome(steps, await cache.PeekAsync(key).ConfigureAwait(false), await database.GetAsync(key).ConfigureAwait(false), laterRead);
    }
}

/// <summary>After the race: what the cache and the database hold, and what a later read saw.</summary>
public sealed record RaceOutcome(IReadOnlyList<string> Steps, string? Cached, string? InDatabase, string? LaterRead)
{
    public bool IsStale => Cached != InDatabase;
}

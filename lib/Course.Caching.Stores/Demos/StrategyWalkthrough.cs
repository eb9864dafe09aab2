using Course.Caching.Stores.Strategies;

namespace Course.Caching.Stores.Demos;

/// <summary>
/// The same short script run through any strategy — read, read, write, read, write, flush — with what the caller got,
/// what the cache and the database hold, and the queries sent, after every step. Side by side, the strategies'
/// differences are the differences between these tables.
/// </summary>
public static class StrategyWalkthrough
{
    public static async Task<IReadOnlyList<WalkthroughStep>> RunAsync(ICacheStrategy strategy, RedisCache cache, SqliteStore database, string key = "product:1")
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(database);
        await database.PutAsync(key, "v1").ConfigureAwait(false);
        await cache.DeleteAsync(key).ConfigureAwait(false);
        var (reads0, writes0) = (database.Reads, database.Writes);
        var steps = new List<WalkthroughStep>();

        async Task Step(string operation, Func<Task<string?>> run)
        {
            var returned = await run().ConfigureAwait(false);
            database.Snapshot().TryGetValue(key, out var stored);
            steps.Add(new WalkthroughStep(operation, returned, await cache.PeekAsync(key).ConfigureAwait(false), stored,
                database.Reads - reads0, database.Writes - writes0));
        }

        await Step($"read {key}", () => strategy.ReadAsync(key)).ConfigureAwait(false);
        await Step($"read {key}", () => strategy.ReadAsync(key)).ConfigureAwait(false);
        await Step($"write {key} = v2", async () => { await strategy.WriteAsync(key, "v2").ConfigureAwait(false); return null; }).ConfigureAwait(false);
        await Step($"read {key}", () => strategy.ReadAsync(key)).ConfigureAwait(false);
        await Step($"write {key} = v3", async () => { await strategy.WriteAsync(key, "v3").ConfigureAwait(false); return null; }).ConfigureAwait(false);
        if (strategy is WriteBehind writeBehind)
            await Step("flush", async () => { await writeBehind.FlushAsync().ConfigureAwait(false); return null; }).ConfigureAwait(false);
        return steps;
    }
}

/// <summary>One step of a <see cref="StrategyWalkthrough"/>: what the caller got, and the state after it.</summary>
public sealed record WalkthroughStep(string Operation, string? Returned, string? Cached, string? InDatabase, long DatabaseReads, long DatabaseWrites);

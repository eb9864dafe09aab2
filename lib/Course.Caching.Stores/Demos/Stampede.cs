using Course.Caching.Stores.Strategies;

namespace Course.Caching.Stores.Demos;

/// <summary>
/// A cache stampede (thundering herd): a hot key is missing — just expired, or the cache was flushed — and
/// <c>concurrency</c> requests miss it at the same moment. Every one of them queries the database, unless the
/// misses are coalesced into one load (<see cref="SingleFlight{TKey,TValue}"/>). The database's query delay
/// widens the window, as a slow query does in production.
/// </summary>
public static class Stampede
{
    public static async Task<StampedeResult> RunAsync(RedisCache cache, SqliteStore database, int concurrency, bool singleFlight, string key = "product:hot")
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        await database.PutAsync(key, "hot value").ConfigureAwait(false);
        await cache.DeleteAsync(key).ConfigureAwait(false);
        var strategy = new ReadThrough(cache, database, TtlJitter.Fixed(TimeSpan.FromMinutes(5)), singleFlight);
        var readsBefore = database.Reads;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, concurrency)
            .Select(async _ => { await start.Task.ConfigureAwait(false); return await strategy.ReadAsync(key).ConfigureAwait(false); })
            .ToArray();
        start.SetResult();   // all requests leave together
        var values = await Task.WhenAll(requests).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return new StampedeResult(strategy.Name, concurrency, database.Reads - readsBefore, values.Count(v => v == "hot value"));
    }
}

/// <summary>How many database queries <see cref="Requests"/> concurrent misses of one key cost.</summary>
public sealed record StampedeResult(string Strategy, int Requests, long DatabaseReads, int CorrectAnswers);

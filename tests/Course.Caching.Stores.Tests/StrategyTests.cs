using Course.Caching.Stores.Strategies;

namespace Course.Caching.Stores.Tests;

/// <summary>
/// Each strategy against real Redis and a real SQLite file: after every operation, exactly what the cache and the
/// database hold, and how many queries reached the database.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class StrategyTests(RedisFixture fixture)
{
    private static readonly TtlJitter Ttl = TtlJitter.Fixed(TimeSpan.FromMinutes(5));

    [SkippableFact]
    public async Task Cache_aside_fills_on_a_miss_and_invalidates_on_a_write()
    {
        await using var s = await fixture.StoresAsync();
        await s.Database.PutAsync("k", "v1");
        var strategy = new CacheAside(s.Cache, s.Database, Ttl);

        Assert.Equal("v1", await strategy.ReadAsync("k"));           // miss → database → cache
        await AssertState(s, cached: "v1", stored: "v1", reads: 1, writes: 1);
        Assert.Equal("v1", await strategy.ReadAsync("k"));           // hit: no query
        await AssertState(s, cached: "v1", stored: "v1", reads: 1, writes: 1);

        await strategy.WriteAsync("k", "v2");                         // database, then delete the cached copy
        await AssertState(s, cached: null, stored: "v2", reads: 1, writes: 2);
        Assert.Equal("v2", await strategy.ReadAsync("k"));
        await AssertState(s, cached: "v2", stored: "v2", reads: 2, writes: 2);

        Assert.Null(await strategy.ReadAsync("absent"));              // absent: not cached (no negative caching)
        Assert.Null(await s.Cache.PeekAsync("absent"));
        Assert.Equal((1, 3), (s.Cache.Hits, s.Cache.Misses));
    }

    [SkippableFact]
    public async Task Write_through_puts_every_write_in_both_stores_before_returning()
    {
        await using var s = await fixture.StoresAsync();
        var strategy = new WriteThrough(s.Cache, s.Database, Ttl);

        await strategy.WriteAsync("k", "v1");
        await AssertState(s, cached: "v1", stored: "v1", reads: 0, writes: 1);
        Assert.Equal("v1", await strategy.ReadAsync("k"));            // a hit right after the write
        await strategy.WriteAsync("k", "v2");
        await AssertState(s, cached: "v2", stored: "v2", reads: 0, writes: 2);
        Assert.Equal((1L, 0L), (s.Cache.Hits, s.Cache.Misses));
    }

    [SkippableFact]
    public async Task Write_around_writes_only_the_database_so_a_cached_key_serves_the_old_value_until_its_TTL()
    {
        await using var s = await fixture.StoresAsync();
        await s.Database.PutAsync("k", "v1");
        var strategy = new WriteAround(s.Cache, s.Database, Ttl);

        await strategy.WriteAsync("new", "n1");                        // never read: never cached
        await AssertState(s, "new", cached: null, stored: "n1", reads: 0, writes: 2);

        Assert.Equal("v1", await strategy.ReadAsync("k"));
        await strategy.WriteAsync("k", "v2");
        await AssertState(s, cached: "v1", stored: "v2", reads: 1, writes: 3);
        Assert.Equal("v1", await strategy.ReadAsync("k"));            // stale: the trade-off, measured
        var ttl = await s.Cache.TimeToLiveAsync("k");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [SkippableFact]
    public async Task Write_behind_answers_from_the_cache_and_reaches_the_database_only_when_it_flushes()
    {
        await using var s = await fixture.StoresAsync();
        var strategy = new WriteBehind(s.Cache, s.Database, Ttl, new WriteBehindOptions { BatchSize = 3 });
        try
        {
            await strategy.WriteAsync("a", "a1");
            await strategy.WriteAsync("a", "a2");                      // same key: coalesced in the buffer
            await strategy.WriteAsync("b", "b1");
            await AssertState(s, "a", cached: "a2", stored: null, reads: 0, writes: 0);
            Assert.Equal(2, strategy.DirtyCount);
            Assert.Empty(s.Database.Snapshot());

            await s.Cache.DeleteAsync("a");                            // evicted before the flush: the buffer still answers
            Assert.Equal("a2", await strategy.ReadAsync("a"));
            Assert.Equal(0, s.Database.Reads);

            await strategy.WriteAsync("c", "c1");                      // the third dirty key: a batch of 3, one transaction
            Assert.Equal(0, strategy.DirtyCount);
            Assert.Equal(new Dictionary<string, string> { ["a"] = "a2", ["b"] = "b1", ["c"] = "c1" }, s.Database.Snapshot());
            Assert.Equal((1L, 3L, 4L), (s.Database.Writes, strategy.FlushedRows, strategy.BufferedWrites));

            await strategy.WriteAsync("d", "d1");
            Assert.Equal(1, await strategy.FlushAsync());              // an explicit flush
            Assert.Equal("d1", s.Database.Snapshot()["d"]);
            Assert.Equal(0, await strategy.FlushAsync());              // nothing dirty: no query
            Assert.Equal(2, s.Database.Writes);
        }
        finally
        {
            await strategy.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Write_behind_disposed_normally_flushes_everything()
    {
        await using var s = await fixture.StoresAsync();
        var strategy = new WriteBehind(s.Cache, s.Database, Ttl, new WriteBehindOptions { BatchSize = 100 });
        for (var i = 0; i < 10; i++) await strategy.WriteAsync($"k{i}", $"v{i}");
        Assert.Empty(s.Database.Snapshot());

        await strategy.DisposeAsync();

        Assert.Equal(Enumerable.Range(0, 10).ToDictionary(i => $"k{i}", i => $"v{i}"), s.Database.Snapshot());
        Assert.Equal(1, s.Database.Writes);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => strategy.WriteAsync("late", "x"));
    }

    [SkippableFact]
    public async Task Write_behind_crash_loses_exactly_the_writes_after_the_last_flush()
    {
        await using var s = await fixture.StoresAsync();
        var strategy = new WriteBehind(s.Cache, s.Database, Ttl, new WriteBehindOptions { BatchSize = 4 });
        for (var i = 0; i < 10; i++) await strategy.WriteAsync($"order:{i}", $"paid {i}");   // flushes after 4 and 8

        var crash = strategy.Crash();

        // Hand-computed: batches {0..3} and {4..7} were written; 8 and 9 were acknowledged and are gone.
        Assert.Equal(["order:8", "order:9"], crash.Lost.Keys);
        Assert.Equal((10L, 8L), (crash.AcceptedWrites, crash.FlushedRows));
        Assert.Equal(Enumerable.Range(0, 8).ToDictionary(i => $"order:{i}", i => $"paid {i}"), s.Database.Snapshot());
        Assert.Equal("paid 9", await s.Cache.PeekAsync("order:9"));   // still cached — until the TTL ends, then gone for good
        await strategy.DisposeAsync();                                   // after a crash, dispose flushes nothing
        Assert.Equal(8, s.Database.Snapshot().Count);
    }

    [SkippableFact]
    public async Task Write_behind_with_a_flush_interval_writes_without_being_asked()
    {
        await using var s = await fixture.StoresAsync();
        var strategy = new WriteBehind(s.Cache, s.Database, Ttl, new WriteBehindOptions { BatchSize = 100, FlushInterval = TimeSpan.FromMilliseconds(50) });
        try
        {
            await strategy.WriteAsync("k", "v");
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (s.Database.Snapshot().Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
            Assert.Equal("v", s.Database.Snapshot()["k"]);
        }
        finally
        {
            await strategy.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Read_through_loads_on_a_miss_and_invalidates_on_a_write()
    {
        await using var s = await fixture.StoresAsync();
        await s.Database.PutAsync("k", "v1");
        var strategy = new ReadThrough(s.Cache, s.Database, Ttl);

        Assert.Equal("v1", await strategy.ReadAsync("k"));
        await AssertState(s, cached: "v1", stored: "v1", reads: 1, writes: 1);
        await strategy.WriteAsync("k", "v2");
        await AssertState(s, cached: null, stored: "v2", reads: 1, writes: 2);
        Assert.Equal("v2", await strategy.ReadAsync("k"));
        Assert.Equal(2, s.Database.Reads);
    }

    private static Task AssertState(Stores s, string? cached, string? stored, long reads, long writes) =>
        AssertState(s, "k", cached, stored, reads, writes);

    private static async Task AssertState(Stores s, string key, string? cached, string? stored, long reads, long writes)
    {
        Assert.Equal(cached, await s.Cache.PeekAsync(key));
        s.Database.Snapshot().TryGetValue(key, out var inDatabase);
        Assert.Equal(stored, inDatabase);
        Assert.Equal((reads, writes), (s.Database.Reads, s.Database.Writes));
    }
}

using Course.Caching.Stores.Demos;

namespace Course.Caching.Stores.Tests;

/// <summary>The trade-offs, for real: the cache-aside stale set, and a stampede with and without single-flight.</summary>
[Collection(RedisCollection.Name)]
public sealed class TradeOffTests(RedisFixture fixture)
{
    [SkippableFact]
    public async Task Cache_aside_race_leaves_the_old_value_cached_after_the_database_moved_on()
    {
        await using var s = await fixture.StoresAsync();

        var outcome = await CacheAsideRace.RunAsync(s.Cache, s.Database, TtlJitter.Fixed(TimeSpan.FromMinutes(5)));

        Assert.Equal(("v1", "v2", "v1"), (outcome.Cached, outcome.InDatabase, outcome.LaterRead));
        Assert.True(outcome.IsStale);
        Assert.Equal(4, outcome.Steps.Count);
    }

    [SkippableTheory]
    [InlineData(false, 20)]
    [InlineData(true, 1)]
    public async Task Twenty_concurrent_misses_cost_twenty_queries_or_one_with_single_flight(bool singleFlight, long expectedReads)
    {
        // The database answers after 100 ms, so every request has missed the cache before the first fill.
        await using var s = await fixture.StoresAsync(TimeSpan.FromMilliseconds(100));

        var result = await Stampede.RunAsync(s.Cache, s.Database, concurrency: 20, singleFlight);

        Assert.Equal(expectedReads, result.DatabaseReads);
        Assert.Equal(20, result.CorrectAnswers);
    }

    [SkippableFact]
    public async Task Product_pages_read_each_product_from_the_database_once_when_cached()
    {
        await using var s = await fixture.StoresAsync();
        await ProductPage.SeedAsync(s.Database, products: 20);
        var strategy = new Strategies.CacheAside(s.Cache, s.Database, TtlJitter.Fixed(TimeSpan.FromMinutes(5)));

        var cached = await ProductPage.RenderAsync(strategy, pages: 8, itemsPerPage: 5, products: 20);
        Assert.Equal(8, cached.Count);
        Assert.Equal(20, s.Database.Reads);                   // 40 product reads, 20 distinct products: 20 misses
        Assert.Equal((20L, 20L), (s.Cache.Hits, s.Cache.Misses));

        await ProductPage.RenderAsync(s.Database, pages: 8, itemsPerPage: 5, products: 20);
        Assert.Equal(60, s.Database.Reads);                   // uncached: every product read is a query
    }

    [SkippableFact]
    public async Task Redis_round_trips_are_counted_within_their_bounds()
    {
        await using var s = await fixture.StoresAsync();
        var result = await RedisRoundTrips.MeasureAsync(s.Cache, operations: 200, TimeSpan.FromSeconds(10), pipelineDepth: 50);
        Assert.Equal(200, result.SequentialOps);
        Assert.Equal(200, result.PipelinedOps);                // 4 batches of 50
        Assert.True(result.SequentialPerSecond > 0 && result.PipelinedPerSecond > 0);
    }
}

[Collection(RedisCollection.Name)]
public sealed class WalkthroughTests(RedisFixture fixture)
{
    [SkippableFact]
    public async Task Write_behind_walkthrough_keeps_the_database_at_v1_until_the_flush()
    {
        await using var s = await fixture.StoresAsync();
        var strategy = new Strategies.WriteBehind(s.Cache, s.Database, TtlJitter.Fixed(TimeSpan.FromMinutes(5)));
        try
        {
            var steps = await StrategyWalkthrough.RunAsync(strategy, s.Cache, s.Database);
            Assert.Equal(
            [
                new WalkthroughStep("read product:1", "v1", "v1", "v1", 1, 0),
                new WalkthroughStep("read product:1", "v1", "v1", "v1", 1, 0),
                new WalkthroughStep("write product:1 = v2", null, "v2", "v1", 1, 0),
                new WalkthroughStep("read product:1", "v2", "v2", "v1", 1, 0),
                new WalkthroughStep("write product:1 = v3", null, "v3", "v1", 1, 0),
                new WalkthroughStep("flush", null, "v3", "v3", 1, 1),
            ], steps);
        }
        finally
        {
            await strategy.DisposeAsync();
        }
    }
}

[Collection(RedisCollection.Name)]
public sealed class LeaseTests(RedisFixture fixture)
{
    private static readonly TtlJitter Ttl = TtlJitter.Fixed(TimeSpan.FromMinutes(5));

    [SkippableFact]
    public async Task With_leases_the_same_interleaving_refuses_the_stale_fill()
    {
        await using var s = await fixture.StoresAsync();

        var outcome = await CacheAsideRace.RunAsync(s.Cache, s.Database, Ttl, leases: true);

        Assert.Equal(("v2", "v2", "v2"), (outcome.Cached, outcome.InDatabase, outcome.LaterRead));
        Assert.False(outcome.IsStale);
        Assert.Contains("refused (the write took the lease)", outcome.Steps[2]);
    }

    [SkippableFact]
    public async Task Leased_reads_fill_once_and_writes_invalidate_value_and_lease()
    {
        await using var s = await fixture.StoresAsync();
        await s.Database.PutAsync("k", "v1");
        var strategy = new Strategies.LeasedCacheAside(s.Cache, s.Database, Ttl);

        Assert.Equal("v1", await strategy.ReadAsync("k"));
        Assert.Equal("v1", await s.Cache.PeekAsync("k"));
        Assert.False(await s.Cache.Database.KeyExistsAsync(s.Cache.KeyOf("k:lease")));   // released by the fill
        await strategy.WriteAsync("k", "v2");
        Assert.Null(await s.Cache.PeekAsync("k"));
        Assert.Equal("v2", await strategy.ReadAsync("k"));
        Assert.Equal((2L, 0L), (s.Database.Reads, strategy.RefusedFills));
    }

    [SkippableFact]
    public async Task Readers_that_miss_while_a_lease_is_held_wait_for_its_fill_instead_of_querying()
    {
        await using var s = await fixture.StoresAsync(TimeSpan.FromMilliseconds(100));
        await s.Database.PutAsync("hot", "value");
        var strategy = new Strategies.LeasedCacheAside(s.Cache, s.Database, Ttl);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reads = Enumerable.Range(0, 10).Select(async _ => { await start.Task; return await strategy.ReadAsync("hot"); }).ToArray();
        start.SetResult();

        Assert.All(await Task.WhenAll(reads), v => Assert.Equal("value", v));
        Assert.Equal(1, s.Database.Reads);
    }
}

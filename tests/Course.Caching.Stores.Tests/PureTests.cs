using Course.Caching.Stores.Exercises;

namespace Course.Caching.Stores.Tests;

/// <summary>What needs no server: TTL jitter, single-flight, the exercise checker, argument checks.</summary>
public sealed class PureTests
{
    [Fact]
    public void Jittered_TTLs_stay_in_range_spread_out_and_replay_from_their_seed()
    {
        const int seed = 7;
        var a = new TtlJitter(TimeSpan.FromSeconds(60), 0.2, seed);
        var b = new TtlJitter(TimeSpan.FromSeconds(60), 0.2, seed);
        var ttls = Enumerable.Range(0, 1000).Select(_ => a.Next()).ToList();

        Assert.Equal(ttls, Enumerable.Range(0, 1000).Select(_ => b.Next()));
        Assert.All(ttls, t => Assert.InRange(t, TimeSpan.FromSeconds(48), TimeSpan.FromSeconds(72)));
        // Uniform on [48, 72]: each 6 s quarter holds ~250 of 1000; any quarter below 150 means no real spread (seed 7).
        Assert.All(Enumerable.Range(0, 4), q => Assert.True(ttls.Count(t => t.TotalSeconds >= 48 + 6 * q && t.TotalSeconds < 54 + 6 * q) > 150, $"seed {seed}, quarter {q}"));
        Assert.Equal((TimeSpan.FromSeconds(48), TimeSpan.FromSeconds(72)), a.Range);
        Assert.Equal(TimeSpan.FromSeconds(60), TtlJitter.Fixed(TimeSpan.FromSeconds(60)).Next());
    }

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(-1, 0.1)]
    [InlineData(60, 1.0)]
    [InlineData(60, -0.1)]
    [InlineData(60, double.NaN)]
    public void A_TTL_that_is_not_positive_or_a_jitter_outside_0_to_1_is_refused(int seconds, double jitter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TtlJitter(TimeSpan.FromSeconds(seconds), jitter, 1));
        Assert.Contains(seconds <= 0 ? "baseTtl" : "jitter", e.Message);
    }

    [Fact]
    public async Task Single_flight_runs_one_load_for_callers_that_overlap_and_a_new_one_afterwards()
    {
        var flights = new SingleFlight<string, int>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loads = 0;
        var calls = Enumerable.Range(0, 50).Select(_ => flights.DoAsync("k", async _ => { Interlocked.Increment(ref loads); await gate.Task; return 42; })).ToArray();
        gate.SetResult();

        Assert.All(await Task.WhenAll(calls), v => Assert.Equal(42, v));
        Assert.Equal((1, 1L, 49L), (loads, flights.Loads, flights.Coalesced));
        Assert.Equal(7, await flights.DoAsync("k", _ => Task.FromResult(7)));   // the earlier result is not kept
        Assert.Equal(2, flights.Loads);
    }

    [Fact]
    public async Task The_checker_passes_the_reference_and_fails_a_loader_that_does_not_coalesce()
    {
        var reference = await SingleFlightChecker.CheckAsync(() => new SingleFlightReference());
        Assert.All(reference, v => Assert.True(v.Passed, $"{v.Scenario}: {v.Failure}"));
        Assert.Equal(4, reference.Count);

        var naive = await SingleFlightChecker.CheckAsync(() => new NoCoalescing());
        Assert.Equal([false, false, true, true], naive.Select(v => v.Passed));
        Assert.Equal("expected 1 load, got 10", naive[0].Failure);

        var hanging = await SingleFlightChecker.CheckAsync(() => new NeverCompletes(), TimeSpan.FromMilliseconds(200));
        Assert.All(hanging, v => Assert.False(v.Passed));
        Assert.Contains("did not finish within 0.2 s", hanging[0].Failure);
    }

    [Fact]
    public async Task Bad_arguments_are_refused_with_the_name_of_the_problem()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Strategies.WriteBehindOptions { BatchSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Strategies.WriteBehindOptions { FlushInterval = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => SqliteStore.CreateTemporary(TimeSpan.FromMilliseconds(-1)));
        await using var db = SqliteStore.CreateTemporary();
        await Assert.ThrowsAsync<ArgumentNullException>(() => db.GetAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => db.PutAsync("k", null!));
        await Assert.ThrowsAsync<ArgumentException>(() => RedisCache.ConnectAsync("127.0.0.1:6379", " "));
    }

    private sealed class NoCoalescing : ICoalescingLoader
    {
        public Task<string> LoadAsync(string key, Func<string, Task<string>> load) => load(key);
    }

    private sealed class NeverCompletes : ICoalescingLoader
    {
        public Task<string> LoadAsync(string key, Func<string, Task<string>> load) => new TaskCompletionSource<string>().Task;
    }
}

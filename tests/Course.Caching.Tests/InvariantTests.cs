using Course.Caching.Policies;
using Course.Caching.Workloads;

namespace Course.Caching.Tests;

/// <summary>The structural invariants of LFU, ARC and W-TinyLFU, checked after every request of seeded random traces.</summary>
public class InvariantTests
{
    public static TheoryData<int, int> Seeds() => new() { { 1, 1 }, { 2, 3 }, { 3, 8 }, { 4, 50 } };

    private static int[] MixedTrace(int seed, int capacity)
    {
        // Zipf, scans and a moving hot set back to back: every list and ghost gets exercised.
        var items = 4 * capacity + 10;
        return [.. Workloads.Workloads.ZipfWithScans(items, 0.9, 2000, scanLength: 2 * capacity + 1, scanEvery: 300, seed).Trace,
                .. Workloads.Workloads.ShiftingHotSet(items, capacity, 0.9, 400, 2000, seed).Trace,
                .. Workloads.Workloads.Loop(capacity + 1, 500).Trace];
    }

    private static void Check(ICache<int, int> cache, Func<string?> violation, int seed)
    {
        var trace = MixedTrace(seed, cache.Capacity);
        for (var i = 0; i < trace.Length; i++)
        {
            if (!cache.TryGet(trace[i], out _)) cache.Set(trace[i], trace[i]);
            var broken = violation();
            Assert.True(broken is null, $"{cache.Name}, capacity {cache.Capacity}, seed {seed}, after request {i} ({trace[i]}): {broken}");
            Assert.True(cache.Count <= cache.Capacity, $"seed {seed}: count {cache.Count} over capacity");
        }
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Lfu_frequency_list_stays_well_formed(int seed, int capacity)
    {
        var lfu = new LfuCache<int, int>(capacity);
        Check(lfu, lfu.InvariantViolation, seed);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Arc_list_sizes_stay_within_c_and_2c(int seed, int capacity)
    {
        var arc = new ArcCache<int, int>(capacity);
        Check(arc, arc.InvariantViolation, seed);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void WTinyLfu_segments_stay_within_their_shares(int seed, int capacity)
    {
        var tiny = new WTinyLfuCache<int, int>(capacity);
        Check(tiny, tiny.InvariantViolation, seed);
        Assert.True(tiny.Sketch.Resets > 0, $"seed {seed}: 4,500 requests with a sample size of {tiny.Sketch.SampleSize} never reset the sketch");
    }

    [Fact]
    public void WTinyLfu_with_doorkeeper_keeps_its_invariants()
    {
        var tiny = new WTinyLfuCache<int, int>(20, useDoorkeeper: true);
        Check(tiny, tiny.InvariantViolation, seed: 5);
        Assert.Equal("W-TinyLFU+DK", tiny.Name);
    }

    [Fact]
    public void Sketch_counts_exactly_while_keys_do_not_collide_and_halves_on_reset()
    {
        var sketch = new CountMinSketch<int>(expectedEntries: 100); // sample size 1000
        for (var i = 0; i < 7; i++) sketch.Increment(42);
        for (var i = 0; i < 20; i++) sketch.Increment(7); // capped at 15
        Assert.Equal(7, sketch.Estimate(42));
        Assert.Equal(15, sketch.Estimate(7));
        Assert.Equal(0, sketch.Estimate(99_999));
        sketch.Reset();
        Assert.Equal(3, sketch.Estimate(42));
        Assert.Equal(7, sketch.Estimate(7));
    }

    [Fact]
    public void Sketch_never_underestimates()
    {
        // Count-min's one-sided error: every estimate is at least the true count (until a counter saturates at 15).
        const int seed = 11;
        var sketch = new CountMinSketch<int>(expectedEntries: 64, sampleFactor: 1000);
        var truth = new Dictionary<int, int>();
        var zipf = Workloads.Workloads.Zipf(500, 0.8, 3000, seed).Trace;
        foreach (var k in zipf) { sketch.Increment(k); truth[k] = truth.GetValueOrDefault(k) + 1; }
        foreach (var (k, n) in truth)
            Assert.True(sketch.Estimate(k) >= Math.Min(n, 15), $"seed {seed}: key {k} seen {n} times, estimate {sketch.Estimate(k)}");
    }
}

public class WindowClimberTests
{
    [Fact]
    public void Climbs_keeps_direction_while_the_hit_ratio_improves_and_reverses_when_it_drops()
    {
        // capacity 100 → step 6.25 entries, first move a shrink; samples of 10 requests.
        // 5/10 hits: +0.5 (≥ 5 points: restart) → -6.25.  2/10: -0.3 → reverse, restart → +6.25.
        // 2/10: no change → keep, decay → +6.25 then step 6.125.  2/10: → +6.125.
        var climber = new WindowClimber(100, 10);
        double Sample(int hits) => Enumerable.Range(0, 10).Select(i => climber.Record(i < hits)).Sum();
        Assert.Equal(-6.25, Sample(5), 9);
        Assert.Equal(6.25, Sample(2), 9);
        Assert.Equal(6.25, Sample(2), 9);
        Assert.Equal(6.125, Sample(2), 9);
    }

    [Fact]
    public void The_adaptive_window_moves_and_keeps_the_segments_within_bounds()
    {
        const int seed = 6;
        var tiny = new WTinyLfuCache<int, int>(100, adaptiveWindow: true);
        var trace = Workloads.Workloads.ShiftingHotSet(2000, 60, 0.9, 3000, 30_000, seed).Trace;
        var windows = new HashSet<int>();
        foreach (var key in trace)
        {
            if (!tiny.TryGet(key, out _)) tiny.Set(key, key);
            var broken = tiny.InvariantViolation();
            Assert.True(broken is null, $"seed {seed}: {broken}");
            windows.Add(tiny.WindowCapacity);
        }
        Assert.True(windows.Count > 3, $"seed {seed}: the window took only the sizes {string.Join(", ", windows)}");
    }
}

using Course.Caching.Policies;

namespace Course.Caching.Tests;

public class ScanResistanceTests
{
    [Fact]
    public void Arc_and_WTinyLfu_keep_the_hot_set_through_scans_that_flush_lru()
    {
        const int seed = 4;
        var trace = Workloads.Workloads.ZipfWithScans(2_000, 0.9, 40_000, scanLength: 1_000, scanEvery: 3_000, seed).Trace;
        var lru = CacheSimulator.Replay(Policy.Lru, 200, trace).HitRatio;
        foreach (var policy in new[] { Policy.Arc, Policy.WTinyLfu })
        {
            var ratio = CacheSimulator.Replay(policy, 200, trace).HitRatio;
            Assert.True(ratio > lru + 0.05, $"seed {seed}: {policy.Name} {ratio:P1} vs LRU {lru:P1}");
        }
    }

    [Fact]
    public void Doorkeeper_lets_only_repeat_sightings_reach_the_sketch()
    {
        var doorkeeper = new Doorkeeper<int>(1024);
        Assert.False(doorkeeper.Put(5));
        Assert.True(doorkeeper.Put(5));
        Assert.True(doorkeeper.Contains(5));
        doorkeeper.Clear();
        Assert.False(doorkeeper.Contains(5));

        var tiny = new WTinyLfuCache<int, int>(50, useDoorkeeper: true);
        tiny.TryGet(7, out _);
        Assert.Equal(0, tiny.Sketch.Estimate(7)); // the first sighting stops at the doorkeeper
        Assert.Equal(1, tiny.Frequency(7));       // but still counts once in the estimate
        tiny.TryGet(7, out _);
        Assert.Equal(1, tiny.Sketch.Estimate(7));
        Assert.Equal(2, tiny.Frequency(7));
    }
}

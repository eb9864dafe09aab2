using Course.Caching.Concurrent;
using Course.Caching.Policies;

namespace Course.Caching.Tests;

public class BadInputTests
{
    public static TheoryData<string> PolicyNames() => new() { "FIFO", "LRU", "LFU", "CLOCK", "ARC", "W-TinyLFU", "Bélády (MIN)", "Concurrent" };

    private static ICache<string, int> Create(string name, int capacity) => name switch
    {
        "FIFO" => new FifoCache<string, int>(capacity),
        "LRU" => new LruCache<string, int>(capacity),
        "LFU" => new LfuCache<string, int>(capacity),
        "CLOCK" => new ClockCache<string, int>(capacity),
        "ARC" => new ArcCache<string, int>(capacity),
        "W-TinyLFU" => new WTinyLfuCache<string, int>(capacity),
        "Bélády (MIN)" => new BeladyCache<string, int>(capacity, ["a"]),
        _ => new ConcurrentLru<string, int>(capacity),
    };

    [Theory, MemberData(nameof(PolicyNames))]
    public void Capacity_must_be_positive(string policy)
    {
        foreach (var capacity in new[] { 0, -1 })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => Create(policy, capacity));
            Assert.Equal("capacity", e.ParamName);
            Assert.Contains("must be positive", e.Message);
        }
    }

    [Theory, MemberData(nameof(PolicyNames))]
    public void Null_keys_are_refused(string policy)
    {
        var cache = Create(policy, 2);
        Assert.Contains("must not be null", Assert.Throws<ArgumentNullException>(() => cache.TryGet(null!, out _)).Message);
        Assert.Throws<ArgumentNullException>(() => cache.Set(null!, 1));
        Assert.Throws<ArgumentNullException>(() => cache.ContainsKey(null!));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Belady_refuses_requests_out_of_trace_order()
    {
        var belady = new BeladyCache<int, int>(2, [1, 2, 3]);
        belady.TryGet(1, out _);
        var e = Assert.Throws<InvalidOperationException>(() => belady.TryGet(3, out _));
        Assert.Contains("request #1 should be 2, not 3", e.Message);
        Assert.Throws<InvalidOperationException>(() => belady.Set(9, 9)); // not the key that just missed
        Assert.Throws<ArgumentException>(() => new BeladyCache<string, int>(2, ["a", null!]));
    }

    [Fact]
    public void Belady_refuses_requests_past_the_end_of_its_trace()
    {
        var belady = new BeladyCache<int, int>(1, [1]);
        belady.TryGet(1, out _);
        Assert.Contains("past its end", Assert.Throws<InvalidOperationException>(() => belady.TryGet(1, out _)).Message);
    }

    [Fact]
    public void WTinyLfu_window_fraction_must_be_a_share()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WTinyLfuCache<int, int>(10, windowFraction: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WTinyLfuCache<int, int>(10, windowFraction: 1));
    }

    [Fact]
    public void Sweep_refuses_a_non_positive_size()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CacheSimulator.Sweep([1, 2], [4, 0], Policy.Online));
    }

    [Fact]
    public void Capacity_one_works_for_every_policy()
    {
        int[] trace = [1, 1, 2, 2, 1];
        foreach (var policy in Policy.All)
        {
            var result = CacheSimulator.Replay(policy, 1, trace, recordSequence: true);
            Assert.True(result.Hits >= 2, $"{policy.Name}: {result.Pattern}"); // the repeats right after a fill hit
        }
    }
}

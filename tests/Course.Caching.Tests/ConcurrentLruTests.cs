using Course.Caching.Concurrent;
using Course.Caching.Policies;

namespace Course.Caching.Tests;

/// <summary>The concurrent LRU's single-threaded behaviour: segments, eviction order, scan resistance.</summary>
public class ConcurrentLruTests
{
    [Fact]
    public void Capacity_is_split_hot_warm_cold_like_bitfaster()
    {
        var lru = new ConcurrentLru<int, int>(100);
        Assert.Equal((10, 80), (lru.HotCapacity, lru.WarmCapacity));
    }

    [Fact]
    public void Unread_entries_leave_in_insertion_order()
    {
        // c=3 (hot 1, warm 2): nothing is read, so every entry goes hot → cold → out, oldest first.
        var lru = new ConcurrentLru<int, int>(3);
        for (var k = 1; k <= 5; k++) lru.Set(k, k * 10);
        Assert.Equal([3, 4, 5], Enumerable.Range(1, 5).Where(lru.ContainsKey));
        Assert.True(lru.TryGet(5, out var v));
        Assert.Equal(50, v);
        Assert.Null(lru.InvariantViolation());
    }

    [Fact]
    public void A_read_entry_survives_a_scan_that_flushes_a_classic_lru()
    {
        // c=10 (hot 1, warm 8). Keys 0..4 are read right after insertion, so they move hot → warm.
        // 100 scan keys are never read: they go hot → cold → out, and warm keeps 0..4.
        var concurrent = new ConcurrentLru<int, int>(10);
        var classic = new LruCache<int, int>(10);
        foreach (var cache in new ICache<int, int>[] { concurrent, classic })
        {
            for (var k = 0; k < 5; k++) { cache.Set(k, k); cache.TryGet(k, out _); }
            for (var k = 100; k < 200; k++) cache.Set(k, k);
        }
        Assert.All(Enumerable.Range(0, 5), k => Assert.True(concurrent.ContainsKey(k), $"key {k} was flushed by the scan"));
        Assert.All(Enumerable.Range(0, 5), k => Assert.False(classic.ContainsKey(k)));
        Assert.Equal(10, concurrent.Count);
        Assert.Null(concurrent.InvariantViolation());
    }

    [Fact]
    public void Update_remove_and_get_or_add()
    {
        var lru = new ConcurrentLru<string, int>(2);
        lru.Set("a", 1);
        lru.Set("a", 2);
        Assert.Equal(2, lru.GetOrAdd("a", _ => throw new InvalidOperationException("must not be called on a hit")));
        Assert.Equal(7, lru.GetOrAdd("b", k => 7));
        Assert.True(lru.TryRemove("a"));
        Assert.False(lru.TryRemove("a"));
        Assert.False(lru.TryGet("a", out _));
        Assert.Equal(1, lru.Count);
        Assert.Equal(new CacheStats(1, 2), lru.Stats); // GetOrAdd a: hit; GetOrAdd b: miss; TryGet a after removal: miss
        Assert.Null(lru.InvariantViolation());
    }

    [Fact]
    public void Wide_struct_values_are_replaced_not_written_in_place()
    {
        var lru = new ConcurrentLru<int, (long, long)>(4);
        lru.Set(1, (1, -1));
        lru.Set(1, (2, -2));
        Assert.True(lru.TryGet(1, out var v));
        Assert.Equal((2L, -2L), v);
        Assert.Equal(1, lru.Count);
        Assert.Null(lru.InvariantViolation());
    }
}

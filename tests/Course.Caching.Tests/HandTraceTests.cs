using Course.Caching.Policies;

namespace Course.Caching.Tests;

/// <summary>
/// Every policy on small traces whose hits and misses were worked out by hand (the derivation is in each comment;
/// lists are written MRU first). H = hit, M = miss; the simulator fills on every miss.
/// </summary>
public class HandTraceTests
{
    private static readonly int[] Classic = [1, 2, 3, 1, 4, 1, 2, 5];

    private static string Run(ICache<int, int> cache, int[] trace) => CacheSimulator.Replay(cache, trace, recordSequence: true).Pattern;

    private static int[] Resident(ICache<int, int> cache, int maxKey = 10) =>
        Enumerable.Range(0, maxKey + 1).Where(cache.ContainsKey).ToArray();

    [Fact]
    public void Fifo_evicts_in_insertion_order_whatever_the_hits()
    {
        // c=3: 1 2 3 fill; 1 H; 4 evicts 1 (oldest); 1 evicts 2; 2 evicts 3; 5 evicts 4.
        var fifo = new FifoCache<int, int>(3);
        Assert.Equal("MMMHMMMM", Run(fifo, Classic));
        Assert.Equal([1, 2, 5], Resident(fifo));
        Assert.Equal(new CacheStats(1, 7), fifo.Stats);
    }

    [Fact]
    public void Lru_evicts_the_least_recently_used()
    {
        // c=3: fill → [3,2,1]; 1 H → [1,3,2]; 4 evicts 2 → [4,1,3]; 1 H → [1,4,3]; 2 evicts 3 → [2,1,4]; 5 evicts 4.
        var lru = new LruCache<int, int>(3);
        Assert.Equal("MMMHMHMM", Run(lru, Classic));
        Assert.Equal([5, 2, 1], lru.KeysByRecency);
    }

    [Fact]
    public void Lfu_evicts_the_least_frequently_used_oldest_first_among_ties()
    {
        // c=3: 1,2,3 at f=1; 1 H (f=2); 4 evicts 2 (f=1, older than 3); 1 H (f=3); 2 evicts 3 (f=1, older than 4);
        // 5 evicts 4 (f=1, older than 2).
        var lfu = new LfuCache<int, int>(3);
        Assert.Equal("MMMHMHMM", Run(lfu, Classic));
        Assert.Equal([1, 2, 5], Resident(lfu));
        Assert.Equal(3, lfu.FrequencyOf(1));
        Assert.Equal(1, lfu.FrequencyOf(5));
        Assert.Null(lfu.FrequencyOf(4));
    }

    [Fact]
    public void Lfu_keeps_the_frequent_key_where_lru_drops_it()
    {
        // c=2, trace 1 1 2 3 1. LRU: 3 evicts 1 (least recent), so 1 misses. LFU: 3 evicts 2 (f=1 < 2), so 1 hits.
        int[] trace = [1, 1, 2, 3, 1];
        Assert.Equal("MHMMM", Run(new LruCache<int, int>(2), trace));
        Assert.Equal("MHMMH", Run(new LfuCache<int, int>(2), trace));
    }

    [Fact]
    public void Clock_gives_referenced_slots_a_second_chance()
    {
        // c=3, slots 0..2, new entries with a clear bit, hand after the insert.
        // 1,2,3 fill slots 0,1,2 (hand 0). 1 H sets bit0. 4: bit0 set → clear, slot1 (2) clear → evict 2, 4 in slot1, hand 2.
        // 1 H sets bit0. 2: slot2 (3) clear → evict 3, hand 0. 5: bit0 set → clear; slot1 (4) clear → evict 4.
        var clock = new ClockCache<int, int>(3);
        Assert.Equal("MMMHMHMM", Run(clock, Classic));
        Assert.Equal([1, 2, 5], Resident(clock));
    }

    [Fact]
    public void Clock_differs_from_lru_once_the_hand_has_cleared_the_bits()
    {
        // c=3, trace 1 2 3 2 1 4 3. LRU: 4 evicts 3 → {4,1,2}; 3 evicts 2 → {3,4,1}.
        // CLOCK: 2,1 set bits 1,0; 4: clear bit0, clear bit1, evict 3 (slot2), hand 0; 3: bit0 now clear → evict 1.
        int[] trace = [1, 2, 3, 2, 1, 4, 3];
        var lru = new LruCache<int, int>(3);
        var clock = new ClockCache<int, int>(3);
        Assert.Equal("MMMHHMM", Run(lru, trace));
        Assert.Equal("MMMHHMM", Run(clock, trace));
        Assert.Equal([1, 3, 4], Resident(lru));
        Assert.Equal([2, 3, 4], Resident(clock));
    }

    [Fact]
    public void Arc_follows_figure_4_of_the_paper_through_both_ghost_lists()
    {
        // c=2, p=0, lists MRU first.
        // 1 M: T1=[1].  1 H: T2=[1].  2 M: T1=[2].
        // 3 M: case IV.B (|L1|=1<2, total 2≥2): REPLACE, |T1|=1>p=0 → 2 to B1. T1=[3] T2=[1] B1=[2].
        // 1 H: T2=[1].
        // 2 M, B1 ghost (case II): p=0+1=1; REPLACE: |T1|=1 not > p → T2's LRU 1 to B2. T2=[2] T1=[3] B2=[1].
        // 1 M, B2 ghost (case III): p=1-1=0; REPLACE: |T1|=1 > 0 → 3 to B1. T2=[1,2] B1=[3] B2=[].
        // 3 M, B1 ghost (case II): p=1; REPLACE: T1 empty → T2's LRU 2 to B2. T2=[3,1] B2=[2].
        var arc = new ArcCache<int, int>(2);
        var trace = new[] { 1, 1, 2, 3, 1, 2, 1, 3 };
        var expectedP = new[] { 0, 0, 0, 0, 0, 1, 0, 1 };
        var patterns = "";
        for (var i = 0; i < trace.Length; i++)
        {
            patterns += Run(arc, [trace[i]]);
            Assert.True(expectedP[i] == arc.P, $"after request {i} ({trace[i]}): p = {arc.P}, expected {expectedP[i]}");
        }
        Assert.Equal("MHMMHMMM", patterns);
        Assert.Equal((0, 2, 0, 1), arc.ListSizes);
        Assert.Equal([1, 3], Resident(arc));
    }

    [Fact]
    public void Arc_drops_t1_lru_without_a_ghost_when_t1_alone_fills_the_cache()
    {
        // c=2: 1, 2 fill T1; 3 is case IV.A with |T1| = c: 1 is deleted outright (B1 stays empty).
        var arc = new ArcCache<int, int>(2);
        Assert.Equal("MMMM", Run(arc, [1, 2, 3, 1]));
        Assert.Equal((2, 0, 0, 0), arc.ListSizes);
    }

    [Fact]
    public void WTinyLfu_admits_a_candidate_only_if_it_is_more_frequent_than_mains_victim()
    {
        // c=3: window 1, main 2 (protected 1). Frequencies count every request.
        // 1,2,3 M: 1 and 2 pass through the window into probation (main has room). 1 H: probation → protected.
        // 4 M: candidate 3 (f1) vs victim 2 (f1): rejected. 3 M: candidate 4 (f1) vs 2 (f1): rejected.
        // 4 M: candidate 3 (f2) vs 2 (f1): admitted, 2 evicted. 2 M: candidate 4 (f2) vs 3 (f2): rejected.
        // 3 H (f3): probation → protected, which overflows and demotes 1 to probation.
        var tiny = new WTinyLfuCache<int, int>(3, adaptiveWindow: false);
        Assert.Equal((1, 2, 1), (tiny.WindowCapacity, tiny.MainCapacity, tiny.ProtectedCapacity));
        Assert.Equal("MMMHMMMMH", Run(tiny, [1, 2, 3, 1, 4, 3, 4, 2, 3]));
        Assert.Equal([1, 2, 3], Resident(tiny));
        Assert.Equal((1, 1, 1), tiny.SegmentSizes);
        Assert.Equal(3, tiny.Frequency(3));
        Assert.Equal(2, tiny.Frequency(4));
    }

    [Fact]
    public void Belady_evicts_or_bypasses_the_key_needed_farthest_in_the_future()
    {
        // c=2, 1 2 3 1 2 3 1. 3 (next at 5) is needed after 2 (next at 4): bypass 3. 1 H, 2 H.
        // 3 (never again) vs residents 1 (next 6) and 2 (never): bypass. 1 H. LRU misses all seven.
        int[] trace = [1, 2, 3, 1, 2, 3, 1];
        Assert.Equal("MMMHHMH", Run(new BeladyCache<int, int>(2, trace), trace));
        Assert.Equal("MMMMMMM", Run(new LruCache<int, int>(2), trace));
    }

    [Fact]
    public void Belady_with_bypass_keeps_the_old_key_when_the_new_one_is_needed_later()
    {
        // c=1, 1 2 1: forced insertion would miss three times; MIN with bypass keeps 1.
        int[] trace = [1, 2, 1];
        Assert.Equal("MMH", Run(new BeladyCache<int, int>(1, trace), trace));
    }

    [Fact]
    public void A_loop_one_larger_than_the_cache_defeats_lru_and_fifo_completely()
    {
        var loop = Workloads.Workloads.Loop(5, 50).Trace.ToArray();
        Assert.Equal(0, CacheSimulator.Replay(Policy.Lru, 4, loop).Hits);
        Assert.Equal(0, CacheSimulator.Replay(Policy.Fifo, 4, loop).Hits);
    }

    [Fact]
    public void Replacing_a_value_keeps_the_entry_and_returns_the_new_value()
    {
        foreach (var policy in Policy.Online)
        {
            var cache = policy.Create(2, []);
            cache.Set(1, 10);
            cache.Set(1, 11);
            Assert.True(cache.TryGet(1, out var v), policy.Name);
            Assert.Equal(11, v);
            Assert.Equal(1, cache.Count);
        }
    }
}

using Course.Caching.Policies;

namespace Course.Caching;

/// <summary>
/// A named way to build a cache of a given capacity for a given trace (only Bélády reads the trace). The
/// simulator, the sweeps and the notebook take these, so "every policy" is one list.
/// </summary>
public sealed record Policy(string Name, Func<int, IReadOnlyList<int>, ICache<int, int>> Create)
{
    public static Policy Fifo { get; } = new("FIFO", (c, _) => new FifoCache<int, int>(c));
    public static Policy Lru { get; } = new("LRU", (c, _) => new LruCache<int, int>(c));
    public static Policy Lfu { get; } = new("LFU", (c, _) => new LfuCache<int, int>(c));
    public static Policy Clock { get; } = new("CLOCK", (c, _) => new ClockCache<int, int>(c));
    public static Policy Arc { get; } = new("ARC", (c, _) => new ArcCache<int, int>(c));
    public static Policy WTinyLfu { get; } = new("W-TinyLFU", (c, _) => new WTinyLfuCache<int, int>(c));
    public static Policy Belady { get; } = new("Bélády (MIN)", (c, trace) => new BeladyCache<int, int>(c, trace));

    /// <summary>The online policies, in the order the course introduces them.</summary>
    public static IReadOnlyList<Policy> Online { get; } = [Fifo, Lru, Lfu, Clock, Arc, WTinyLfu];

    /// <summary>Every online policy, then Bélády as the ceiling.</summary>
    public static IReadOnlyList<Policy> All { get; } = [.. Online, Belady];

    public override string ToString() => Name;
}

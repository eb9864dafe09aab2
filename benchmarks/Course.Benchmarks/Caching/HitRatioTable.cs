using BitFaster.Caching.Lfu;
using BitFaster.Caching.Scheduler;
using Course.Caching;
using Course.Caching.Policies;
using Course.Caching.Workloads;
using W = Course.Caching.Workloads.Workloads;

namespace Course.Benchmarks.Caching;

/// <summary>
/// Hit ratio of our W-TinyLFU against BitFaster.Caching's ConcurrentLfu (a production W-TinyLFU, with hill-climbing
/// window) on the same seeded traces and sizes, with LRU as the floor and Bélády as the ceiling; also our
/// concurrent LRU against BitFaster's ConcurrentLru (same TU-Q design). Target: ours at least equal.
/// ConcurrentLfu buffers reads and applies them in maintenance; a foreground scheduler plus a maintenance call
/// after each request makes it apply every read before the next request, so neither side loses information.
///   dotnet run -c Release --project benchmarks/Course.Benchmarks -- --hit-ratio-table
/// </summary>
public static class HitRatioTable
{
    public static void Run(int seed = 1)
    {
        const int items = 20_000, length = 300_000;
        Workload[] workloads =
        [
            W.Zipf(items, 0.8, length, seed),
            W.Zipf(items, 1.0, length, seed),
            W.ZipfWithScans(items, 0.9, length, scanLength: 2_000, scanEvery: 5_000, seed),
            W.ShiftingHotSet(items, hotKeys: 500, hotProbability: 0.8, phaseLength: 30_000, length, seed),
        ];
        Console.WriteLine($"| workload | cache | LRU | our W-TinyLFU | BitFaster ConcurrentLfu | ours − BitFaster | our ConcurrentLru | BitFaster ConcurrentLru | Bélády |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var workload in workloads)
            foreach (var capacity in new[] { 200, 1_000, 4_000 })
            {
                var trace = workload.Trace;
                var lru = CacheSimulator.Replay(Policy.Lru, capacity, trace).HitRatio;
                var tiny = CacheSimulator.Replay(Policy.WTinyLfu, capacity, trace).HitRatio;
                var bitFasterLfu = ReplayBitFasterLfu(capacity, trace);
                var ourLru = CacheSimulator.Replay(new Course.Caching.Concurrent.ConcurrentLru<int, int>(capacity), trace).HitRatio;
                var bitFasterLru = ReplayBitFasterLru(capacity, trace);
                var belady = CacheSimulator.Replay(Policy.Belady, capacity, trace).HitRatio;
                Console.WriteLine($"| {workload.Name} | {capacity:N0} | {lru:P2} | {tiny:P2} | {bitFasterLfu:P2} | {(tiny - bitFasterLfu) * 100:+0.00;-0.00} pt | {ourLru:P2} | {bitFasterLru:P2} | {belady:P2} |");
            }
        Console.WriteLine($"{items:N0} keys, {length:N0} requests per workload, seed {seed}.");
    }

    private static double ReplayBitFasterLfu(int capacity, IReadOnlyList<int> trace)
    {
        var lfu = new ConcurrentLfu<int, int>(1, capacity, new ForegroundScheduler(), EqualityComparer<int>.Default);
        long hits = 0;
        foreach (var key in trace)
        {
            if (lfu.TryGet(key, out _)) hits++;
            else lfu.AddOrUpdate(key, key);
            lfu.DoMaintenance();
        }
        return (double)hits / trace.Count;
    }

    private static double ReplayBitFasterLru(int capacity, IReadOnlyList<int> trace)
    {
        var lru = new BitFaster.Caching.Lru.ConcurrentLru<int, int>(capacity);
        long hits = 0;
        foreach (var key in trace)
        {
            if (lru.TryGet(key, out _)) hits++;
            else lru.AddOrUpdate(key, key);
        }
        return (double)hits / trace.Count;
    }
}

using Course.Caching.Concurrent;
using Course.Caching.Workloads;

namespace Course.Caching.Tests;

/// <summary>
/// Bélády's MIN is the ceiling: no online policy gets more hits on any trace (property test over seeded random
/// traces), and on tiny traces it equals an exhaustive search over every possible evict-or-bypass decision.
/// </summary>
public class BeladyOptimalityTests
{
    private static readonly Policy ConcurrentLruPolicy = new("ConcurrentLru", (c, _) => new ConcurrentLru<int, int>(c));

    [Fact]
    public void No_policy_beats_belady_on_random_traces()
    {
        for (var seed = 1; seed <= 60; seed++)
        {
            var random = new Random(seed);
            var keys = 2 + random.Next(30);
            var trace = (seed % 3) switch
            {
                0 => Workloads.Workloads.Zipf(keys, random.NextDouble() * 1.4, 300, seed).Trace,
                1 => Workloads.Workloads.ZipfWithScans(keys, 1.0, 300, 1 + random.Next(20), 1 + random.Next(60), seed).Trace,
                _ => Enumerable.Range(0, 300).Select(_ => random.Next(keys)).ToArray(),
            };
            var capacity = 1 + random.Next(12);
            var optimal = CacheSimulator.Replay(Policy.Belady, capacity, trace).Hits;
            foreach (var policy in Policy.Online.Append(ConcurrentLruPolicy))
            {
                var hits = CacheSimulator.Replay(policy, capacity, trace).Hits;
                Assert.True(hits <= optimal, $"seed {seed}, capacity {capacity}: {policy.Name} got {hits} hits, Bélády {optimal}");
            }
        }
    }

    [Fact]
    public void Belady_equals_exhaustive_search_on_tiny_traces()
    {
        for (var seed = 1; seed <= 200; seed++)
        {
            var random = new Random(seed);
            var trace = Enumerable.Range(0, 4 + random.Next(9)).Select(_ => random.Next(2 + random.Next(4))).ToArray();
            var capacity = 1 + random.Next(3);
            var belady = CacheSimulator.Replay(Policy.Belady, capacity, trace).Hits;
            var best = BestPossibleHits(trace, capacity);
            Assert.True(best == belady, $"seed {seed}, capacity {capacity}, trace {string.Join(" ", trace)}: Bélády {belady}, exhaustive search {best}");
        }
    }

    /// <summary>The oracle: on each miss try every choice (bypass, or insert evicting any resident), keep the best.</summary>
    private static int BestPossibleHits(int[] trace, int capacity)
    {
        var memo = new Dictionary<string, int>();
        int Best(int position, SortedSet<int> resident)
        {
            if (position == trace.Length) return 0;
            var memoKey = position + ":" + string.Join(",", resident);
            if (memo.TryGetValue(memoKey, out var known)) return known;
            var key = trace[position];
            int result;
            if (resident.Contains(key)) result = 1 + Best(position + 1, resident);
            else
            {
                result = Best(position + 1, resident); // bypass
                if (resident.Count < capacity)
                    result = Math.Max(result, Best(position + 1, new SortedSet<int>(resident) { key }));
                else
                    foreach (var victim in resident)
                    {
                        var next = new SortedSet<int>(resident) { key };
                        next.Remove(victim);
                        result = Math.Max(result, Best(position + 1, next));
                    }
            }
            return memo[memoKey] = result;
        }
        return Best(0, []);
    }
}

using Course.Caching.Policies;
using Course.Simulation.Exercises;

namespace Course.Caching.Exercises;

/// <summary>
/// Week 5's exercise: write an LRU cache (derive from <see cref="CacheBase{TKey,TValue}"/>, which already does the
/// capacity check, null keys and hit/miss counting). The checker replays hand-computed and random traces and
/// compares every hit and miss with the reference, <see cref="LruCache{TKey,TValue}"/>.
/// </summary>
public static class LruExercise
{
    public static IReadOnlyList<string> ScenarioNames { get; } =
        ["HandTrace", "CapacityRespected", "ValuesAndUpdates", "MatchesReference", "StatsCounted", "BadCapacity"];

    /// <summary>The reference solution the checker compares with (and that the notebook runs it against).</summary>
    public static Func<int, ICache<int, int>> Reference { get; } = capacity => new LruCache<int, int>(capacity);

    public static IReadOnlyList<ScenarioVerdict> Check(Func<int, ICache<int, int>> create, int seeds = 3)
    {
        ArgumentNullException.ThrowIfNull(create);
        return ExerciseChecker.Run(ScenarioNames, seeds, (name, seed) => Scenario(name, create, seed), subject: "your cache");
    }

    private static string? Scenario(string name, Func<int, ICache<int, int>> create, int seed)
    {
        var random = new Random(seed);
        var capacity = 1 + random.Next(8);
        var trace = Enumerable.Range(0, 400).Select(_ => random.Next(3 * capacity)).ToArray();
        switch (name)
        {
            case "HandTrace":
                // The worked example of the notebook: capacity 3, 1 2 3 1 4 1 2 5.
                var pattern = CacheSimulator.Replay(create(3), [1, 2, 3, 1, 4, 1, 2, 5], recordSequence: true).Pattern;
                return pattern == "MMMHMHMM" ? null : $"capacity 3, trace 1 2 3 1 4 1 2 5: got {pattern}, want MMMHMHMM (4 must evict 2, the least recently used)";
            case "CapacityRespected":
                var cache = create(capacity);
                foreach (var key in trace)
                {
                    if (!cache.TryGet(key, out _)) cache.Set(key, key);
                    if (cache.Count > capacity) return $"capacity {capacity}: holds {cache.Count} entries after key {key}";
                }
                return null;
            case "ValuesAndUpdates":
                var c2 = create(2);
                c2.Set(1, 10); c2.Set(2, 20); c2.Set(1, 11); // the update makes 1 the most recently used
                c2.Set(3, 30);                               // so 3 must evict 2
                if (!c2.TryGet(1, out var v1)) return "capacity 2: Set(1,10) Set(2,20) Set(1,11) Set(3,30): key 1 was evicted, but updating it made it the most recently used";
                if (v1 != 11) return $"capacity 2: Set(1,10) Set(2,20) Set(1,11): key 1 holds {v1}, not 11";
                if (c2.ContainsKey(2)) return "capacity 2: Set(1,10) Set(2,20) Set(1,11) Set(3,30): updating 1 is a use, so 2 should have been evicted";
                return c2.TryGet(3, out var v3) && v3 == 30 ? null : "key 3 should hold 30";
            case "MatchesReference":
                var mine = CacheSimulator.Replay(create(capacity), trace, recordSequence: true).HitSequence!;
                var expected = CacheSimulator.Replay(Reference(capacity), trace, recordSequence: true).HitSequence!;
                for (var i = 0; i < trace.Length; i++)
                    if (mine[i] != expected[i])
                        return $"capacity {capacity}, request #{i} (key {trace[i]}): you {(mine[i] ? "hit" : "missed")}, LRU {(expected[i] ? "hits" : "misses")}; trace so far: {string.Join(" ", trace.Take(i + 1).TakeLast(12))}";
                return null;
            case "StatsCounted":
                var counted = create(capacity);
                var result = CacheSimulator.Replay(counted, trace);
                return counted.Stats == new CacheStats(result.Hits, result.Misses) ? null : $"Stats says {counted.Stats}, the replay counted {result.Hits} hits and {result.Misses} misses";
            default: // BadCapacity
                foreach (var bad in new[] { 0, -1 })
                {
                    try { create(bad); return $"capacity {bad} was accepted: throw an ArgumentException naming the problem"; }
                    catch (ArgumentException) { }
                }
                return null;
        }
    }
}

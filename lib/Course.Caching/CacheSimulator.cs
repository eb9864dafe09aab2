using Course.Simulation;

namespace Course.Caching;

/// <summary>One policy's result on one trace.</summary>
public sealed record ReplayResult(string Policy, int Capacity, long Hits, long Misses, IReadOnlyList<bool>? HitSequence)
{
    public long Requests => Hits + Misses;
    public double HitRatio => Requests == 0 ? 0 : (double)Hits / Requests;

    /// <summary>The hit/miss sequence as "HMMH…", for tests that compare with a hand-computed trace.</summary>
    public string Pattern => HitSequence is null ? "" : string.Concat(HitSequence.Select(h => h ? 'H' : 'M'));
}

/// <summary>
/// Replays a trace through a cache the way a read-through cache serves requests: look the key up; on a miss,
/// fetch it (from nowhere: the value is the key) and fill. Single-threaded and deterministic.
/// </summary>
public static class CacheSimulator
{
    public static ReplayResult Replay(ICache<int, int> cache, IReadOnlyList<int> trace, bool recordSequence = false)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(trace);
        var sequence = recordSequence ? new List<bool>(trace.Count) : null;
        long hits = 0;
        foreach (var key in trace)
        {
            var hit = cache.TryGet(key, out _);
            if (hit) hits++;
            else cache.Set(key, key);
            sequence?.Add(hit);
        }
        return new ReplayResult(cache.Name, cache.Capacity, hits, trace.Count - hits, sequence);
    }

    public static ReplayResult Replay(Policy policy, int capacity, IReadOnlyList<int> trace, bool recordSequence = false) =>
        Replay(policy.Create(capacity, trace), trace, recordSequence);

    /// <summary>Hit ratio for every policy at every capacity: the data of a hit-ratio-vs-size chart.</summary>
    public static IReadOnlyList<ReplayResult> Sweep(IReadOnlyList<int> trace, IEnumerable<int> capacities, IEnumerable<Policy> policies)
    {
        var sizes = capacities.Select(c => Guard.Positive(c, nameof(capacities))).ToArray();
        return policies.SelectMany(p => sizes.Select(c => Replay(p, c, trace))).ToArray();
    }
}

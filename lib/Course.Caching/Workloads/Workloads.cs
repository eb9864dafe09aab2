using Course.Simulation;

namespace Course.Caching.Workloads;

/// <summary>
/// Seeded trace generators for the access patterns that separate the policies (same seed, same trace):
/// Zipf (skewed popularity, the common case), Zipf with scans (one-time sweeps that flush LRU), loops (a cycle
/// one larger than the cache makes LRU and FIFO miss every time) and shifting hot sets (popularity that moves,
/// which punishes frequency that never forgets).
/// </summary>
public static class Workloads
{
    public static Workload Zipf(int items, double skew, int length, int seed)
    {
        Guard.AtLeast(length, 0, nameof(length));
        var sampler = new ZipfSampler(items, skew);
        var random = new Random(seed);
        var trace = new int[length];
        for (var i = 0; i < length; i++) trace[i] = sampler.Next(random);
        return new Workload($"Zipf s={skew}", $"{items:N0} keys, skew {skew}, seed {seed}", trace);
    }

    /// <summary>
    /// Zipf traffic, interrupted every <paramref name="scanEvery"/> requests by a scan of
    /// <paramref name="scanLength"/> keys never seen before (a backup, a report, a crawler).
    /// </summary>
    public static Workload ZipfWithScans(int items, double skew, int length, int scanLength, int scanEvery, int seed)
    {
        Guard.AtLeast(length, 0, nameof(length));
        Guard.Positive(scanLength, nameof(scanLength));
        Guard.Positive(scanEvery, nameof(scanEvery));
        var sampler = new ZipfSampler(items, skew);
        var random = new Random(seed);
        var trace = new int[length];
        var nextScanKey = items; // scan keys lie above the Zipf range and never repeat
        for (var i = 0; i < length;)
        {
            for (var j = 0; j < scanEvery && i < length; j++) trace[i++] = sampler.Next(random);
            for (var j = 0; j < scanLength && i < length; j++) trace[i++] = nextScanKey++;
        }
        return new Workload($"Zipf s={skew} + scans", $"{items:N0} keys, skew {skew}, a {scanLength:N0}-key scan every {scanEvery:N0} requests, seed {seed}", trace);
    }

    /// <summary>0, 1, …, items-1, 0, 1, …: LRU's worst case once items exceeds the capacity.</summary>
    public static Workload Loop(int items, int length)
    {
        Guard.Positive(items, nameof(items));
        Guard.AtLeast(length, 0, nameof(length));
        var trace = new int[length];
        for (var i = 0; i < length; i++) trace[i] = i % items;
        return new Workload($"loop of {items}", $"keys 0..{items - 1} in a cycle", trace);
    }

    /// <summary>
    /// A hot set of <paramref name="hotKeys"/> takes <paramref name="hotProbability"/> of the requests (the rest are
    /// uniform over all <paramref name="items"/>); every <paramref name="phaseLength"/> requests the hot set moves
    /// to keys not hot before.
    /// </summary>
    public static Workload ShiftingHotSet(int items, int hotKeys, double hotProbability, int phaseLength, int length, int seed)
    {
        Guard.Positive(items, nameof(items));
        Guard.Positive(hotKeys, nameof(hotKeys));
        if (hotKeys > items) throw new ArgumentOutOfRangeException(nameof(hotKeys), hotKeys, $"hotKeys must be at most items ({items}).");
        Guard.Probability(hotProbability, nameof(hotProbability));
        Guard.Positive(phaseLength, nameof(phaseLength));
        Guard.AtLeast(length, 0, nameof(length));
        var random = new Random(seed);
        var trace = new int[length];
        for (var i = 0; i < length; i++)
        {
            var hotStart = (int)((long)(i / phaseLength) * hotKeys % items); // phase p's hot set: the next block of keys
            trace[i] = random.NextDouble() < hotProbability ? (hotStart + random.Next(hotKeys)) % items : random.Next(items);
        }
        return new Workload($"shifting hot set", $"{hotKeys:N0} hot of {items:N0} keys take {hotProbability:P0}, moving every {phaseLength:N0} requests, seed {seed}", trace);
    }
}

namespace Course.Caching.Policies;

/// <summary>
/// Hill climbing for W-TinyLFU's window size, as Caffeine does it (Einziger, Eytan, Friedman &amp; Manes, "Adaptive
/// Software Cache Management", Middleware '18, §4.1): after each sample of requests compare the hit ratio with the
/// previous sample's; if it improved keep moving the window the same way, else reverse. The step starts at
/// 6.25% of the capacity and decays by 2% per sample, and restarts at full size when the hit ratio jumps by 5
/// points (the workload changed). Recency-heavy traffic grows the window, frequency-heavy traffic shrinks it.
/// </summary>
public sealed class WindowClimber(int capacity, long sampleSize)
{
    private const double StepPercent = 0.0625, StepDecay = 0.98, RestartThreshold = 0.05;
    private double _step = -StepPercent * capacity; // Caffeine's first move: shrink towards frequency
    private double _previousHitRatio;
    private long _hits, _misses;

    /// <summary>Records a request; every <c>sampleSize</c> requests returns how many entries to add to the window (negative: remove).</summary>
    public double Record(bool hit)
    {
        if (hit) _hits++; else _misses++;
        if (_hits + _misses < sampleSize) return 0;
        var hitRatio = (double)_hits / (_hits + _misses);
        var change = hitRatio - _previousHitRatio;
        var amount = change >= 0 ? _step : -_step;
        _step = Math.Abs(change) >= RestartThreshold ? StepPercent * capacity * Math.Sign(amount) : StepDecay * amount;
        _previousHitRatio = hitRatio;
        _hits = _misses = 0;
        return amount;
    }
}

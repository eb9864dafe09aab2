using static Course.Simulation.Guard;

namespace Course.LoadBalancing.Health;

/// <summary>
/// Passive health — Envoy's outlier detection (consecutive_5xx): a backend whose last
/// <see cref="Consecutive5xx"/> answers were all server errors is ejected for
/// <see cref="BaseEjectionTime"/> × (times ejected so far), at most <see cref="MaxEjectionTime"/>, so a backend
/// that keeps failing stays out longer each time. No more than <see cref="MaxEjectionPercent"/> of the pool is
/// ejected at once (but always at least one may be), so a bad deploy cannot eject everything and shift the
/// whole load onto the few left.
/// </summary>
public sealed record OutlierDetection
{
    public OutlierDetection(int consecutive5xx = 5, TimeSpan? baseEjectionTime = null, TimeSpan? maxEjectionTime = null, int maxEjectionPercent = 10)
    {
        Consecutive5xx = Positive(consecutive5xx, nameof(consecutive5xx));
        BaseEjectionTime = Positive(baseEjectionTime ?? TimeSpan.FromSeconds(30), nameof(baseEjectionTime));
        MaxEjectionTime = Positive(maxEjectionTime ?? TimeSpan.FromSeconds(300), nameof(maxEjectionTime));
        if (MaxEjectionTime < BaseEjectionTime)
            throw new ArgumentOutOfRangeException(nameof(maxEjectionTime), MaxEjectionTime, $"The maximum ejection time must be at least the base ejection time ({BaseEjectionTime}).");
        if (maxEjectionPercent is < 0 or > 100)
            throw new ArgumentOutOfRangeException(nameof(maxEjectionPercent), maxEjectionPercent, "maxEjectionPercent is a percentage in [0, 100].");
        MaxEjectionPercent = maxEjectionPercent;
    }

    public int Consecutive5xx { get; }
    public TimeSpan BaseEjectionTime { get; }
    public TimeSpan MaxEjectionTime { get; }
    public int MaxEjectionPercent { get; }

    /// <summary>How long the <paramref name="timesEjected"/>-th ejection lasts (1 for the first).</summary>
    public TimeSpan EjectionTime(int timesEjected) =>
        TimeSpan.FromTicks(Math.Min(BaseEjectionTime.Ticks * (long)timesEjected, MaxEjectionTime.Ticks));
}

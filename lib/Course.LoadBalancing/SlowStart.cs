namespace Course.LoadBalancing;

/// <summary>
/// Slow start (Envoy's slow_start_config; HAProxy's "slowstart"): a backend that just (re)joined gets a weight
/// that ramps from <see cref="MinWeightFraction"/> up to its full weight over <see cref="Window"/>, so a cold
/// cache or JIT is not hit with its full share at once. Envoy's curve: factor = (t / window)^(1/aggression).
/// </summary>
public sealed record SlowStart
{
    public SlowStart(TimeSpan window, double aggression = 1.0, double minWeightFraction = 0.1)
    {
        if (window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(window), window, "The slow-start window must be positive.");
        if (!(aggression > 0) || double.IsInfinity(aggression)) throw new ArgumentOutOfRangeException(nameof(aggression), aggression, "Slow-start aggression must be a positive, finite number (1 = linear ramp).");
        Window = window;
        Aggression = aggression;
        MinWeightFraction = Course.Simulation.Guard.Probability(minWeightFraction, nameof(minWeightFraction));
    }

    public TimeSpan Window { get; }
    public double Aggression { get; }
    public double MinWeightFraction { get; }

    /// <summary>The fraction of the full weight a backend gets <paramref name="sinceJoin"/> after it joined.</summary>
    public double Factor(TimeSpan sinceJoin)
    {
        if (sinceJoin >= Window) return 1;
        var t = Math.Max(0, sinceJoin.TotalMilliseconds) / Window.TotalMilliseconds;
        return Math.Max(MinWeightFraction, Math.Pow(t, 1 / Aggression));
    }
}

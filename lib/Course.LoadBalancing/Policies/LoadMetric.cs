namespace Course.LoadBalancing.Policies;

/// <summary>What "load" means to the load-aware policies.</summary>
public enum LoadMetric
{
    /// <summary>Requests in flight per unit of effective weight (least connections, Mitzenmacher's P2C).</summary>
    InFlight,

    /// <summary>Finagle's and Linkerd's cost: peak-EWMA latency × (in flight + 1), per unit of effective weight.</summary>
    PeakEwma,
}

internal static class LoadMetrics
{
    /// <summary>
    /// Finagle's penalty for a backend with requests pending but no latency measured yet: large, so a new
    /// backend is not flooded before its first answer, yet still growing with the pending count.
    /// </summary>
    private const double UnmeasuredPenaltyMs = 1e6;

    public static double Of(LoadMetric metric, BackendState b, TimeSpan now) => metric switch
    {
        LoadMetric.InFlight => b.InFlight / b.EffectiveWeight(now),
        LoadMetric.PeakEwma => PeakEwmaCost(b, now) / b.EffectiveWeight(now),
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown load metric."),
    };

    private static double PeakEwmaCost(BackendState b, TimeSpan now)
    {
        var latency = b.PeakEwmaLatencyMs(now);
        if (latency == 0 && b.InFlight > 0) return UnmeasuredPenaltyMs + b.InFlight;
        return latency * (b.InFlight + 1);
    }

    public static LoadMetric Validate(LoadMetric metric, string name) =>
        Enum.IsDefined(metric) ? metric : throw new ArgumentOutOfRangeException(name, metric, $"Unknown load metric {metric}.");
}

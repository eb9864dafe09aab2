using static Course.Simulation.Guard;

namespace Course.LoadBalancing.Health;

/// <summary>
/// Active health checking, HAProxy-style ("inter", "rise", "fall"): a prober asks each backend every
/// <see cref="Interval"/>; <see cref="Fall"/> consecutive failed probes take it out, <see cref="Rise"/>
/// consecutive good ones bring it back. The hysteresis stops one lost probe from flapping a backend.
/// </summary>
public sealed record ActiveHealthCheck
{
    public ActiveHealthCheck(TimeSpan interval, int rise = 2, int fall = 3)
    {
        Interval = Positive(interval, nameof(interval));
        Rise = Positive(rise, nameof(rise));
        Fall = Positive(fall, nameof(fall));
    }

    public TimeSpan Interval { get; }
    public int Rise { get; }
    public int Fall { get; }

    /// <summary>HAProxy's defaults: every 2 s, rise 2, fall 3.</summary>
    public static ActiveHealthCheck Default { get; } = new(TimeSpan.FromSeconds(2));
}

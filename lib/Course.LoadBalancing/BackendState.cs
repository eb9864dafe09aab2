using static Course.Simulation.Guard;

namespace Course.LoadBalancing;

/// <summary>
/// One backend as a policy sees it: identity and configured weight (fixed at configuration time, validated there),
/// and the live signals the caller updates — requests in flight, a peak-EWMA latency, health, ejection and
/// warm-up. One object per backend for its whole life, so policies may key their own state by <see cref="Id"/>.
/// </summary>
public sealed class BackendState
{
    /// <summary>Finagle's default decay time for the peak-EWMA latency (Linkerd uses the same).</summary>
    public static readonly TimeSpan DefaultDecay = TimeSpan.FromSeconds(10);

    private double _costMs;          // peak-EWMA latency in ms, as of _stamp
    private TimeSpan _stamp;

    public BackendState(string id, int weight = 1, SlowStart? slowStart = null, TimeSpan? latencyDecay = null)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("A backend needs a non-empty id.", nameof(id));
        if (weight <= 0) throw new ArgumentOutOfRangeException(nameof(weight), weight, $"Backend '{id}' has weight {weight}; weights must be positive (remove the backend instead of giving it weight 0).");
        Id = id;
        Weight = weight;
        SlowStart = slowStart;
        LatencyDecay = Positive(latencyDecay ?? DefaultDecay, nameof(latencyDecay));
    }

    public string Id { get; }
    public int Weight { get; }
    public SlowStart? SlowStart { get; }
    public TimeSpan LatencyDecay { get; }

    /// <summary>Requests sent and not yet finished (least connections, P2C, peak EWMA read this).</summary>
    public int InFlight { get; private set; }

    /// <summary>Requests ever started and finished with a server error, for reports.</summary>
    public long Started { get; private set; }
    public long Failed { get; private set; }

    /// <summary>False while active health checks say the backend is down.</summary>
    public bool IsUp { get; set; } = true;

    /// <summary>Set by outlier ejection: the backend takes no traffic before this time.</summary>
    public TimeSpan? EjectedUntil { get; set; }

    /// <summary>When the backend (re)joined; slow start ramps its weight from here. Null: never warming.</summary>
    public TimeSpan? WarmingSince { get; set; }

    /// <summary>Up and not ejected at <paramref name="now"/>.</summary>
    public bool IsEligible(TimeSpan now) => IsUp && !(EjectedUntil > now);

    /// <summary>The weight after the slow-start ramp (equal to <see cref="Weight"/> when not warming).</summary>
    public double EffectiveWeight(TimeSpan now) =>
        SlowStart is { } s && WarmingSince is { } since ? Weight * s.Factor(now - since) : Weight;

    public void RequestStarted(TimeSpan now)
    {
        InFlight++;
        Started++;
    }

    public void RequestFinished(TimeSpan now, RequestOutcome outcome)
    {
        if (InFlight == 0) throw new InvalidOperationException($"Backend '{Id}' finished a request it never started.");
        InFlight--;
        if (outcome.IsServerError) Failed++;
        ObserveLatency(now, outcome.Latency.TotalMilliseconds);
    }

    /// <summary>
    /// Peak EWMA (Finagle's PeakEwma): a latency above the estimate replaces it at once (react to trouble
    /// immediately), one below pulls it down with weight 1−e^(−Δt/τ) (recover slowly, by elapsed time, not
    /// by request count). Reading it decays it towards 0 so an idle backend is tried again.
    /// </summary>
    public double PeakEwmaLatencyMs(TimeSpan now) => _costMs * Decay(now);

    private void ObserveLatency(TimeSpan now, double rttMs)
    {
        var w = Decay(now);
        _costMs = rttMs > _costMs ? rttMs : _costMs * w + rttMs * (1 - w);
        _stamp = now > _stamp ? now : _stamp;
    }

    private double Decay(TimeSpan now) =>
        now <= _stamp ? 1 : Math.Exp(-(now - _stamp).TotalMilliseconds / LatencyDecay.TotalMilliseconds);

    public override string ToString() => $"{Id} (w={Weight}, in flight {InFlight})";

    /// <summary>
    /// Validated backends for a pool: at least one, distinct ids, positive weights — every mistake is reported
    /// here, at configuration time, instead of at the first pick.
    /// </summary>
    public static IReadOnlyList<BackendState> Pool(params (string Id, int Weight)[] backends) =>
        Pool(backends.Select(b => new BackendState(b.Id, b.Weight)));

    public static IReadOnlyList<BackendState> Pool(IEnumerable<BackendState> backends)
    {
        ArgumentNullException.ThrowIfNull(backends);
        var list = backends.ToArray();
        if (list.Length == 0) throw new ArgumentException("A backend pool needs at least one backend.", nameof(backends));
        var dup = list.GroupBy(b => b.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"Backend id '{dup.Key}' appears {dup.Count()} times in the pool.", nameof(backends));
        return list;
    }

    public static IReadOnlyList<BackendState> Pool(params string[] ids) => Pool(ids.Select(id => (id, 1)).ToArray());
}

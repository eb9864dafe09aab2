namespace Course.LoadBalancing.Health;

/// <summary>
/// The backends of one cluster and their health: active probe results (<see cref="ActiveHealthCheck"/>),
/// passive request outcomes (<see cref="OutlierDetection"/>) and slow start on return. A policy only ever sees
/// <see cref="Eligible"/>. Everything is validated in the constructor: an empty pool, duplicate ids or bad
/// weights fail here, at configuration time.
/// </summary>
public sealed class BackendPool
{
    private readonly Dictionary<BackendState, Tracker> _trackers;
    private readonly List<HealthEvent> _events = [];

    public BackendPool(IEnumerable<BackendState> backends, ActiveHealthCheck? healthCheck = null, OutlierDetection? outlierDetection = null)
    {
        All = BackendState.Pool(backends);
        HealthCheck = healthCheck;
        OutlierDetection = outlierDetection;
        _trackers = All.ToDictionary(b => b, _ => new Tracker());   // BackendState has reference equality
    }

    public IReadOnlyList<BackendState> All { get; }
    public ActiveHealthCheck? HealthCheck { get; }
    public OutlierDetection? OutlierDetection { get; }
    public IReadOnlyList<HealthEvent> Events => _events;

    /// <summary>The backends that may take traffic at <paramref name="now"/>, in configuration order.</summary>
    public IReadOnlyList<BackendState> Eligible(TimeSpan now)
    {
        var eligible = new List<BackendState>(All.Count);
        foreach (var b in All)
        {
            if (b.EjectedUntil is { } until && until <= now) Return(b, until);
            if (b.IsEligible(now)) eligible.Add(b);
        }
        return eligible;
    }

    /// <summary>Feeds one active probe result.</summary>
    public void ReportProbe(BackendState backend, bool healthy, TimeSpan now)
    {
        var check = HealthCheck ?? throw new InvalidOperationException("This pool has no active health check configured.");
        var t = TrackerOf(backend);
        if (healthy) { t.ProbeSuccesses++; t.ProbeFailures = 0; }
        else { t.ProbeFailures++; t.ProbeSuccesses = 0; }

        if (backend.IsUp && t.ProbeFailures >= check.Fall)
        {
            backend.IsUp = false;
            _events.Add(new(now, backend.Id, HealthEventKind.Down, $"{check.Fall} failed probes"));
        }
        else if (!backend.IsUp && t.ProbeSuccesses >= check.Rise)
        {
            backend.IsUp = true;
            backend.WarmingSince = now;
            _events.Add(new(now, backend.Id, HealthEventKind.Up, $"{check.Rise} good probes"));
        }
    }

    /// <summary>Feeds one finished request (passive health). Ignored when outlier detection is off.</summary>
    public void ReportOutcome(BackendState backend, RequestOutcome outcome, TimeSpan now)
    {
        var t = TrackerOf(backend);
        if (OutlierDetection is not { } od) return;
        if (!outcome.IsServerError) { t.Consecutive5xx = 0; return; }
        if (++t.Consecutive5xx < od.Consecutive5xx || backend.EjectedUntil > now) return;
        if (!MayEject(od, now))
        {
            _events.Add(new(now, backend.Id, HealthEventKind.EjectionRefused, $"{od.Consecutive5xx} consecutive 5xx, but max {od.MaxEjectionPercent}% already out"));
            t.Consecutive5xx = 0;
            return;
        }
        t.TimesEjected++;
        t.Consecutive5xx = 0;
        var duration = od.EjectionTime(t.TimesEjected);
        backend.EjectedUntil = now + duration;
        _events.Add(new(now, backend.Id, HealthEventKind.Ejected, $"{od.Consecutive5xx} consecutive 5xx; ejection #{t.TimesEjected} for {duration.TotalSeconds:0.#} s"));
    }

    /// <summary>How often <paramref name="backend"/> has been ejected.</summary>
    public int TimesEjected(BackendState backend) => TrackerOf(backend).TimesEjected;

    private bool MayEject(OutlierDetection od, TimeSpan now)
    {
        var ejected = All.Count(b => b.EjectedUntil > now);
        return ejected == 0 || (ejected + 1) * 100 <= od.MaxEjectionPercent * All.Count;
    }

    private void Return(BackendState b, TimeSpan at)
    {
        b.EjectedUntil = null;
        b.WarmingSince = at;
        _events.Add(new(at, b.Id, HealthEventKind.Returned, "ejection time over"));
    }

    private Tracker TrackerOf(BackendState backend) =>
        _trackers.TryGetValue(backend, out var t)
            ? t
            : throw new ArgumentException($"Backend '{backend.Id}' is not in this pool.", nameof(backend));

    private sealed class Tracker
    {
        public int ProbeSuccesses, ProbeFailures, Consecutive5xx, TimesEjected;
    }
}

using static Course.Simulation.Guard;

namespace Course.LoadBalancing.ECommerce;

/// <summary>A burst: between <see cref="From"/> and <see cref="Until"/> the arrival rate is multiplied by <see cref="Factor"/>.</summary>
public sealed record Burst(TimeSpan From, TimeSpan Until, double Factor);

/// <summary>
/// Open-loop arrivals (new requests keep coming whatever the latency — users do not wait for each other, unlike a
/// closed-loop benchmark that hides queueing; Schroeder et al., NSDI 2006): Poisson at <see cref="RatePerSecond"/>,
/// faster during bursts, from <see cref="Users"/> distinct users (the affinity key).
/// </summary>
public sealed record Workload
{
    public Workload(double ratePerSecond, TimeSpan duration, IReadOnlyList<Burst>? bursts = null, int users = 1000)
    {
        if (!(ratePerSecond > 0) || double.IsInfinity(ratePerSecond)) throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "The arrival rate must be a positive, finite number of requests per second.");
        RatePerSecond = ratePerSecond;
        Duration = Positive(duration, nameof(duration));
        Bursts = bursts ?? [];
        foreach (var b in Bursts)
            if (!(b.Factor > 0) || double.IsInfinity(b.Factor) || b.Until <= b.From)
                throw new ArgumentOutOfRangeException(nameof(bursts), b, "A burst needs From < Until and a positive, finite factor.");
        Users = Positive(users, nameof(users));
    }

    public double RatePerSecond { get; }
    public TimeSpan Duration { get; }
    public IReadOnlyList<Burst> Bursts { get; }
    public int Users { get; }

    public double RateAt(TimeSpan t) => RatePerSecond * Bursts.Where(b => t >= b.From && t < b.Until).Aggregate(1.0, (f, b) => f * b.Factor);
}

using static Course.Simulation.Guard;

namespace Course.LoadBalancing.ECommerce;

/// <summary>
/// One simulated server: <see cref="Speed"/> scales the tier's service time (2 = twice as fast), it serves
/// <see cref="Concurrency"/> requests at once and queues up to <see cref="QueueLimit"/> more (then answers 503).
/// <see cref="Weight"/> is what the operator configured for the weighted policies — usually its speed, rounded.
/// </summary>
public sealed record ServerSpec
{
    public ServerSpec(string id, double speed = 1, int weight = 1, int concurrency = 4, int queueLimit = 100)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("A server needs an id.", nameof(id));
        if (!(speed > 0) || double.IsInfinity(speed)) throw new ArgumentOutOfRangeException(nameof(speed), speed, $"Server '{id}': speed must be a positive, finite number.");
        Id = id;
        Speed = speed;
        Weight = Positive(weight, nameof(weight));
        Concurrency = Positive(concurrency, nameof(concurrency));
        QueueLimit = AtLeast(queueLimit, 0, nameof(queueLimit));
    }

    public string Id { get; }
    public double Speed { get; }
    public int Weight { get; }
    public int Concurrency { get; }
    public int QueueLimit { get; }

    /// <summary>From this time on the server is this many times slower (a GC storm, a noisy neighbour): it still answers 200.</summary>
    public (TimeSpan At, double SlowdownFactor)? Degrades { get; init; }

    /// <summary>During this window the server fails every request at once with 503 and fails its health probes.</summary>
    public (TimeSpan From, TimeSpan Until)? Fails { get; init; }

    public bool IsFailedAt(TimeSpan t) => Fails is { } f && t >= f.From && t < f.Until;

    /// <summary>The speed at <paramref name="t"/>, after any degradation.</summary>
    public double SpeedAt(TimeSpan t) => Degrades is { } d && t >= d.At ? Speed / d.SlowdownFactor : Speed;
}

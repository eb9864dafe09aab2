namespace Course.Simulation;

/// <summary>
/// How unreliable the simulated network is. The defaults are a healthy LAN; the 6.5840 "unreliable"
/// network is <see cref="Unreliable"/>. Can be changed while a simulation runs.
/// </summary>
public sealed record NetworkConditions
{
    private readonly double _loss;
    private readonly double _duplication;
    private readonly double _longDelay;

    /// <summary>One-way delay of a delivered message.</summary>
    public Latency Latency { get; init; } = Latency.Uniform(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));

    /// <summary>Chance that a message is dropped.</summary>
    public double LossProbability { get => _loss; init => _loss = Guard.Probability(value, nameof(LossProbability)); }

    /// <summary>Chance that a message is delivered twice (the copy with its own delay).</summary>
    public double DuplicationProbability { get => _duplication; init => _duplication = Guard.Probability(value, nameof(DuplicationProbability)); }

    /// <summary>Chance that a message is held for a long time (stale messages arriving much later).</summary>
    public double LongDelayProbability { get => _longDelay; init => _longDelay = Guard.Probability(value, nameof(LongDelayProbability)); }

    /// <summary>How long a long-delayed message is held, at most (uniform up to this).</summary>
    public TimeSpan LongDelay { get; init; } = TimeSpan.FromMilliseconds(2000);

    public static NetworkConditions Reliable { get; } = new();

    /// <summary>Like 6.5840's unreliable network: 10% loss, delays up to ~27 ms, some messages very late.</summary>
    public static NetworkConditions Unreliable { get; } = new()
    {
        Latency = Latency.Uniform(TimeSpan.Zero, TimeSpan.FromMilliseconds(27)),
        LossProbability = 0.1,
        DuplicationProbability = 0.05,
        LongDelayProbability = 0.05,
        LongDelay = TimeSpan.FromMilliseconds(2000),
    };

    public override string ToString() =>
        $"latency {Latency}, loss {LossProbability:P0}, duplication {DuplicationProbability:P0}, long delay {LongDelayProbability:P0} (≤ {LongDelay.TotalMilliseconds} ms)";
}

namespace Course.Simulation;

/// <summary>Knobs of a simulation run; every one has a sensible default.</summary>
public sealed record SimulationOptions
{
    private readonly TimeSpan _tickInterval = TimeSpan.FromMilliseconds(10);
    private readonly long _maxEvents = 50_000_000;
    private readonly int _traceCapacity = 200_000;

    /// <summary>How often nodes get <see cref="INode{TMessage}.Tick"/> (etcd/raft style logical clock).</summary>
    public TimeSpan TickInterval { get => _tickInterval; init => _tickInterval = Guard.Positive(value, nameof(TickInterval)); }

    /// <summary>The network's initial conditions.</summary>
    public NetworkConditions Network { get; init; } = NetworkConditions.Reliable;

    /// <summary>A guard against livelock: a run that processes more events than this stops with an exception.</summary>
    public long MaxEvents
    {
        get => _maxEvents;
        init => _maxEvents = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxEvents), value, "MaxEvents must be positive.");
    }

    /// <summary>How many trace events are kept at most.</summary>
    public int TraceCapacity
    {
        get => _traceCapacity;
        init => _traceCapacity = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(TraceCapacity), value, "TraceCapacity must not be negative.");
    }

    /// <summary>Record every send, delivery and drop (great for small plots; off for long runs).</summary>
    public bool TraceMessages { get; init; } = true;
}

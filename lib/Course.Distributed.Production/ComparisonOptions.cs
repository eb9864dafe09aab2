namespace Course.Distributed.Production;

/// <summary>The comparison's scenario size and the timing both Rafts get, so neither wins by configuration.</summary>
public sealed record ComparisonOptions
{
    public int Nodes { get; init; } = 3;

    /// <summary>Sequential writes whose commit latency is measured.</summary>
    public int Writes { get; init; } = 50;

    /// <summary>Election timeouts for both, drawn from [min, max]; heartbeats go at half the minimum (DotNext's default ratio).</summary>
    public TimeSpan ElectionTimeoutMin { get; init; } = TimeSpan.FromMilliseconds(150);

    public TimeSpan ElectionTimeoutMax { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Our clock tick; our timeouts become whole ticks of it.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// First run a short unmeasured round of each (start, elect, a few writes), so neither pays for JIT compilation
    /// and first-use costs of sockets and files in its figures — whichever ran first would otherwise look slower.
    /// </summary>
    public bool Warmup { get; init; } = true;

    /// <summary>Bound on every step (an election, a write, a catch-up): the scenario never hangs.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(10);

    internal void Validate()
    {
        if (Nodes is < 3 or > 9) throw new ArgumentOutOfRangeException(nameof(Nodes), Nodes, "Killing the leader needs 3 to 9 nodes.");
        if (Writes < 1) throw new ArgumentOutOfRangeException(nameof(Writes), Writes, "Writes must be positive.");
        if (TickInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(TickInterval), TickInterval, "TickInterval must be positive.");
        if (ElectionTimeoutMin < TickInterval * 3 || ElectionTimeoutMax <= ElectionTimeoutMin)
            throw new ArgumentOutOfRangeException(nameof(ElectionTimeoutMin), ElectionTimeoutMin, "Need 3 ticks <= ElectionTimeoutMin < ElectionTimeoutMax.");
        if (StepTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(StepTimeout), StepTimeout, "StepTimeout must be positive.");
    }
}

namespace Course.Simulation;

/// <summary>A one-way network delay distribution, sampled with the simulation's seeded randomness.</summary>
public abstract record Latency
{
    public abstract TimeSpan Sample(Random random);

    /// <summary>Every message takes exactly <paramref name="delay"/>.</summary>
    public static Latency Constant(TimeSpan delay) => new ConstantLatency(Guard.NonNegative(delay, nameof(delay)));

    /// <summary>Uniform in [min, max]: the simplest model that already reorders messages.</summary>
    public static Latency Uniform(TimeSpan min, TimeSpan max)
    {
        Guard.NonNegative(min, nameof(min));
        if (max < min) throw new ArgumentOutOfRangeException(nameof(max), max, "max must be at least min.");
        return new UniformLatency(min, max);
    }

    /// <summary>
    /// A floor plus an exponential tail with the given mean: most messages are fast, a few are slow,
    /// as measured in real datacenter networks.
    /// </summary>
    public static Latency Exponential(TimeSpan floor, TimeSpan meanExtra) =>
        new ExponentialLatency(Guard.NonNegative(floor, nameof(floor)), Guard.NonNegative(meanExtra, nameof(meanExtra)));

    private sealed record ConstantLatency(TimeSpan Delay) : Latency
    {
        public override TimeSpan Sample(Random random) => Delay;
        public override string ToString() => $"constant {Delay.TotalMilliseconds} ms";
    }

    private sealed record UniformLatency(TimeSpan Min, TimeSpan Max) : Latency
    {
        public override TimeSpan Sample(Random random) =>
            Min + TimeSpan.FromTicks((long)(random.NextDouble() * (Max - Min).Ticks));
        public override string ToString() => $"uniform {Min.TotalMilliseconds}–{Max.TotalMilliseconds} ms";
    }

    private sealed record ExponentialLatency(TimeSpan Floor, TimeSpan MeanExtra) : Latency
    {
        public override TimeSpan Sample(Random random) =>
            Floor + TimeSpan.FromTicks((long)(-Math.Log(1 - random.NextDouble()) * MeanExtra.Ticks));
        public override string ToString() => $"{Floor.TotalMilliseconds} ms + exp(mean {MeanExtra.TotalMilliseconds} ms)";
    }
}

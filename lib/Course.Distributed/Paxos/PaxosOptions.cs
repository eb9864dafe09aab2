namespace Course.Distributed.Paxos;

/// <summary>Knobs of a single-decree <see cref="PaxosNode"/>; the defaults suit the simulator's 10 ms ticks.</summary>
public sealed record PaxosOptions
{
    private readonly int _retryMin = 10;
    private readonly int _retryMax = 30;

    /// <summary>
    /// A proposer that has not seen its value chosen retries with a higher ballot after a random number of
    /// ticks in [<see cref="RetryMinTicks"/>, <see cref="RetryMaxTicks"/>]. Random, because two proposers
    /// with equal timeouts can pre-empt each other forever ("Paxos Made Simple" §2.4).
    /// </summary>
    public int RetryMinTicks
    {
        get => _retryMin;
        init => _retryMin = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(RetryMinTicks), value, "RetryMinTicks must be at least 1.");
    }

    /// <summary>Upper end of the randomized retry timeout, in ticks (at least <see cref="RetryMinTicks"/>).</summary>
    public int RetryMaxTicks
    {
        get => _retryMax;
        init => _retryMax = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(RetryMaxTicks), value, "RetryMaxTicks must be at least 1.");
    }

    /// <summary>
    /// True (the only safe setting): an acceptor writes its promise to stable storage before answering
    /// ("Paxos Made Simple" §2.5). False is a deliberately broken acceptor for the course: it writes only what
    /// it accepts, so after a crash it forgets promises and can accept a proposal it promised to ignore.
    /// </summary>
    public bool PersistPromises { get; init; } = true;

    internal int RandomRetry(Random random) =>
        random.Next(RetryMinTicks, Math.Max(RetryMinTicks, RetryMaxTicks) + 1);
}

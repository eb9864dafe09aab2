namespace Course.Distributed.Paxos;

/// <summary>Timers of a <see cref="MultiPaxosNode"/>, in ticks (10 ms in the simulator by default).</summary>
public sealed record MultiPaxosOptions
{
    private readonly int _heartbeat = 5;
    private readonly int _electionMin = 20;
    private readonly int _electionMax = 40;
    private readonly int _retransmit = 10;
    private readonly int _catchUpBatch = 64;

    /// <summary>How often the leader tells the others it is alive (and how far the log is chosen).</summary>
    public int HeartbeatTicks { get => _heartbeat; init => _heartbeat = AtLeastOne(value, nameof(HeartbeatTicks)); }

    /// <summary>
    /// A node that hears nothing from the leader for a random number of ticks in [min, max] runs phase 1 with
    /// a higher ballot. Random so that two would-be leaders rarely collide ("Paxos Made Simple" §2.4, §3).
    /// </summary>
    public int ElectionTimeoutMinTicks { get => _electionMin; init => _electionMin = AtLeastOne(value, nameof(ElectionTimeoutMinTicks)); }

    /// <summary>Upper end of the randomized election timeout (at least the minimum).</summary>
    public int ElectionTimeoutMaxTicks { get => _electionMax; init => _electionMax = AtLeastOne(value, nameof(ElectionTimeoutMaxTicks)); }

    /// <summary>Resend an Accept not yet chosen, or a command not yet in the log, after this many ticks.</summary>
    public int RetransmitTicks { get => _retransmit; init => _retransmit = AtLeastOne(value, nameof(RetransmitTicks)); }

    /// <summary>At most this many chosen commands per CatchUp answer.</summary>
    public int CatchUpBatch { get => _catchUpBatch; init => _catchUpBatch = AtLeastOne(value, nameof(CatchUpBatch)); }

    internal int RandomElectionTimeout(Random random) =>
        random.Next(ElectionTimeoutMinTicks, Math.Max(ElectionTimeoutMinTicks, ElectionTimeoutMaxTicks) + 1);

    private static int AtLeastOne(int value, string name) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1.");
}

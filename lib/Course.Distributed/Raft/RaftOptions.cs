using static Course.Simulation.Guard;
namespace Course.Distributed.Raft;

/// <summary>
/// Timing and features, in ticks of the node's clock (10 ms in the simulator by default). The defaults follow
/// 6.5840: at most ten heartbeats a second, and an election timeout comfortably larger (§5.6, "broadcastTime ≪
/// electionTimeout ≪ MTBF").
/// </summary>
public sealed record RaftOptions
{
    private readonly int _heartbeatTicks = 10;
    private readonly int _electionMin = 30;
    private readonly int _electionMax = 60;
    private readonly int _maxEntries = 64;

    public int HeartbeatTicks { get => _heartbeatTicks; init => _heartbeatTicks = Positive(value, nameof(HeartbeatTicks)); }

    /// <summary>The election timeout is drawn uniformly from [min, max) ticks at every reset (§5.2, randomized timeouts).</summary>
    public int ElectionTimeoutMinTicks { get => _electionMin; init => _electionMin = Positive(value, nameof(ElectionTimeoutMinTicks)); }

    public int ElectionTimeoutMaxTicks { get => _electionMax; init => _electionMax = Positive(value, nameof(ElectionTimeoutMaxTicks)); }

    /// <summary>Run a pre-vote before a real election (thesis §9.6).</summary>
    public bool PreVote { get; init; } = true;

    /// <summary>At most this many entries per AppendEntries, so one message stays small.</summary>
    public int MaxEntriesPerMessage { get => _maxEntries; init => _maxEntries = Positive(value, nameof(MaxEntriesPerMessage)); }

    /// <summary>How a voter decides on a RequestVote: the reference rule, or a learner's from the exercise.</summary>
    public IVoteRule VoteRule { get; init; } = ReferenceVoteRule.Instance;

    internal void Validate()
    {
        if (ElectionTimeoutMaxTicks <= ElectionTimeoutMinTicks)
            throw new ArgumentException("ElectionTimeoutMaxTicks must be larger than ElectionTimeoutMinTicks.", nameof(ElectionTimeoutMaxTicks));
        if (ElectionTimeoutMinTicks <= HeartbeatTicks)
            throw new ArgumentException("The election timeout must be longer than the heartbeat interval, or followers time out between heartbeats.", nameof(ElectionTimeoutMinTicks));
    }
}

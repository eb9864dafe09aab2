using static Course.Simulation.Guard;
namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// 3PC's timeouts in ticks. They encode the synchronous assumption: a message not answered within
/// <see cref="ReplyWindowTicks"/> is taken to mean its receiver crashed. Under a partition that is false —
/// which is how 3PC goes wrong.
/// </summary>
public sealed record ThreePhaseCommitOptions
{
    private readonly int _vote = 20;
    private readonly int _participant = 30;
    private readonly int _rankStep = 20;
    private readonly int _reply = 5;

    /// <summary>The coordinator aborts when votes are missing after this long; it commits when PreCommit acks are missing this long (the silent ones crashed).</summary>
    public int CoordinatorTimeoutTicks { get => _vote; init => _vote = Positive(value, nameof(CoordinatorTimeoutTicks)); }

    /// <summary>A participant that voted YES and hears nothing for this long starts the termination protocol (the lowest-numbered first).</summary>
    public int ParticipantTimeoutTicks { get => _participant; init => _participant = Positive(value, nameof(ParticipantTimeoutTicks)); }

    /// <summary>The i-th participant (in id order) waits i × this much longer: an election by rank, the next taking over if the backup dies.</summary>
    public int RankStepTicks { get => _rankStep; init => _rankStep = Positive(value, nameof(RankStepTicks)); }

    /// <summary>How long the backup coordinator waits for state reports and PreCommit acks.</summary>
    public int ReplyWindowTicks { get => _reply; init => _reply = Positive(value, nameof(ReplyWindowTicks)); }
}

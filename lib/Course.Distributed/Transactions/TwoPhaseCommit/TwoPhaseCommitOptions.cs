using static Course.Simulation.Guard;
namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// Timeouts in ticks of the node's clock (10 ms in the simulator) and the protocol's switches. A participant
/// waits longer than the coordinator's vote timeout before it starts asking, so that in a healthy run it
/// hears the decision without asking.
/// </summary>
public sealed record TwoPhaseCommitOptions
{
    private readonly int _prepareRetry = 5;
    private readonly int _voteTimeout = 20;
    private readonly int _decisionRetry = 10;
    private readonly int _inDoubtTimeout = 30;
    private readonly int _decisionRequest = 10;
    private readonly ITerminationRule _terminationRule = ReferenceTerminationRule.Instance;

    /// <summary>The coordinator re-sends PREPARE to participants that have not voted, every this many ticks.</summary>
    public int PrepareRetryTicks { get => _prepareRetry; init => _prepareRetry = Positive(value, nameof(PrepareRetryTicks)); }

    /// <summary>A coordinator still missing votes after this many ticks decides ABORT (it may, before deciding).</summary>
    public int VoteTimeoutTicks { get => _voteTimeout; init => _voteTimeout = Positive(value, nameof(VoteTimeoutTicks)); }

    /// <summary>The coordinator re-sends its decision to participants that have not acknowledged it, every this many ticks.</summary>
    public int DecisionRetryTicks { get => _decisionRetry; init => _decisionRetry = Positive(value, nameof(DecisionRetryTicks)); }

    /// <summary>A prepared participant without a decision after this many ticks starts asking for it (it is in doubt).</summary>
    public int InDoubtTimeoutTicks { get => _inDoubtTimeout; init => _inDoubtTimeout = Positive(value, nameof(InDoubtTimeoutTicks)); }

    /// <summary>An in-doubt participant asks again every this many ticks until it learns the decision.</summary>
    public int DecisionRequestTicks { get => _decisionRequest; init => _decisionRequest = Positive(value, nameof(DecisionRequestTicks)); }

    /// <summary>
    /// The cooperative termination protocol (Bernstein, Hadzilacos &amp; Goodman §7.4): an in-doubt participant
    /// asks the other participants too, not only the coordinator. Off, it waits for the coordinator alone.
    /// </summary>
    public bool CooperativeTermination { get; init; } = true;

    /// <summary>
    /// How a participant decides without its coordinator: from its own state and its peers' answers
    /// (<see cref="ITerminationRule"/>). The week-2 exercise plugs the learner's rule in here.
    /// </summary>
    public ITerminationRule TerminationRule
    {
        get => _terminationRule;
        init => _terminationRule = value ?? throw new ArgumentNullException(nameof(TerminationRule));
    }

    /// <summary>
    /// True (the only safe setting): a participant forces its PREPARED record to the log before it votes YES.
    /// False is a deliberately broken participant for the course: it votes first and flushes the log lazily
    /// on its next tick, so a crash in between forgets a promise the coordinator may already have acted on.
    /// </summary>
    public bool ForcePreparedBeforeVote { get; init; } = true;
}

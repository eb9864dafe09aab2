using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// One transaction as the harness saw it at <see cref="AsOf"/>: the coordinator's decision (from its log),
/// each participant's state (from its log), lock-hold and in-doubt times, and the messages it cost. Plain
/// data for tests and notebook tables.
/// </summary>
public sealed record TransactionReport(
    TransactionId Id,
    IReadOnlyList<BalanceChange> Changes,
    TimeSpan SubmittedAt,
    bool Started,
    TransactionOutcome? CoordinatorDecision,
    TimeSpan? DecidedAt,
    IReadOnlyList<ParticipantReport> Participants,
    IReadOnlyDictionary<string, int> Messages,
    bool CollectingVotes,
    TimeSpan AsOf)
{
    /// <summary>Every message of this transaction, re-sends and termination queries included.</summary>
    public int MessageCount => Messages.Values.Sum();

    /// <summary>
    /// COMMIT if anyone committed; ABORT if anyone aborted, or if nobody is in doubt and the coordinator is not
    /// collecting votes any more (presumed abort); null while the outcome is still open.
    /// </summary>
    public TransactionOutcome? Outcome =>
        CoordinatorDecision == TransactionOutcome.Committed || Participants.Any(p => p.State == ParticipantState.Committed) ? TransactionOutcome.Committed
        : CoordinatorDecision == TransactionOutcome.Aborted || Participants.Any(p => p.State == ParticipantState.Aborted) ? TransactionOutcome.Aborted
        : CollectingVotes || Participants.Any(p => p.State == ParticipantState.InDoubt) ? null
        : TransactionOutcome.Aborted;

    /// <summary>The longest time any participant held this transaction's locks.</summary>
    public TimeSpan LongestLockHold => Participants.Select(p => p.LockHeldFor ?? TimeSpan.Zero).DefaultIfEmpty().Max();

    public override string ToString() =>
        $"{Id} [{string.Join(", ", Changes)}]: {Outcome?.ToString() ?? "in doubt"}" +
        $" (coordinator: {CoordinatorDecision?.ToString() ?? (Started ? "no decision" : "never started")});" +
        $" {string.Join("; ", Participants)}; {MessageCount} messages";
}

/// <summary>
/// One participant's part in one transaction. Lock times run from the first time it locked the accounts to
/// the last release; a crash releases volatile locks, and a restart in doubt takes them again.
/// </summary>
public sealed record ParticipantReport(
    NodeId Node,
    ParticipantState State,
    TimeSpan? PreparedAt,
    TimeSpan? DecidedAt,
    TimeSpan? LocksAcquiredAt,
    TimeSpan? LocksReleasedAt,
    bool HoldsLocks,
    TimeSpan AsOf)
{
    /// <summary>From locking to releasing (to <see cref="AsOf"/> while still held); null if it never locked.</summary>
    public TimeSpan? LockHeldFor => LocksAcquiredAt is { } from ? (HoldsLocks ? AsOf : LocksReleasedAt ?? AsOf) - from : null;

    /// <summary>From the PREPARED record to the decision (to <see cref="AsOf"/> while still in doubt); null if it never prepared.</summary>
    public TimeSpan? InDoubtFor => PreparedAt is { } from && (DecidedAt is not null || State == ParticipantState.InDoubt) ? (DecidedAt ?? AsOf) - from : null;

    public override string ToString() =>
        $"{Node} {State}" + (LockHeldFor is { } held ? $", locks {held.TotalMilliseconds:F0} ms{(HoldsLocks ? " (held)" : "")}" : "");
}

/// <summary>A crash the harness caused: at a protocol step (<see cref="Point"/>) or at a moment chosen from outside (null).</summary>
public sealed record CrashRecord(TimeSpan Time, NodeId Node, CrashPoint? Point, TransactionId? Transaction)
{
    public override string ToString() =>
        $"{Time.TotalMilliseconds:F0} ms: {Node} crashed" + (Point is { } p ? $" at {p} of {Transaction}" : "");
}

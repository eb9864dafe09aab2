using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// Three-phase commit (Skeen 1981), for contrast with 2PC: between the votes and the commit sits a
/// <see cref="PreCommit"/> round, so no participant can commit while another is still merely uncertain.
/// When the coordinator fails, the participants run a termination protocol among themselves
/// (<see cref="StateRequest"/>/<see cref="StateReport"/>) and finish the transaction without it.
/// </summary>
public abstract record ThreePhaseCommitMessage(TransactionId Transaction) : IHasSize
{
    public virtual int SizeInBytes => 9;

    public sealed record CanCommit(TransactionId Transaction, IReadOnlyList<BalanceChange> Changes, IReadOnlyList<NodeId> Participants)
        : ThreePhaseCommitMessage(Transaction)
    {
        public override int SizeInBytes => 8 + Changes.Sum(c => 12 + c.Account.Length) + 4 * Participants.Count;
        public override string ToString() => $"CanCommit({Transaction}: {string.Join(", ", Changes)})";
    }

    public sealed record Vote(TransactionId Transaction, bool Yes) : ThreePhaseCommitMessage(Transaction)
    {
        public override string ToString() => $"Vote({Transaction}, {(Yes ? "YES" : "NO")})";
    }

    /// <summary>"Everyone voted YES; get ready to commit" — the receiver becomes committable.</summary>
    public sealed record PreCommit(TransactionId Transaction) : ThreePhaseCommitMessage(Transaction)
    {
        public override string ToString() => $"PreCommit({Transaction})";
    }

    public sealed record PreCommitAck(TransactionId Transaction) : ThreePhaseCommitMessage(Transaction)
    {
        public override string ToString() => $"PreCommitAck({Transaction})";
    }

    /// <summary>DoCommit or Abort, from the coordinator or from the participant terminating in its place.</summary>
    public sealed record Decision(TransactionId Transaction, TransactionOutcome Outcome) : ThreePhaseCommitMessage(Transaction)
    {
        public override string ToString() => $"Decision({Transaction}, {Outcome})";
    }

    /// <summary>The backup coordinator asks every participant where it stands.</summary>
    public sealed record StateRequest(TransactionId Transaction) : ThreePhaseCommitMessage(Transaction)
    {
        public override string ToString() => $"StateRequest({Transaction})";
    }

    public sealed record StateReport(TransactionId Transaction, ThreePhaseState State) : ThreePhaseCommitMessage(Transaction)
    {
        public override string ToString() => $"StateReport({Transaction}, {State})";
    }
}

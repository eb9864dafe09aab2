using System.Text;
using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// The messages of two-phase commit (Gray 1978; Bernstein, Hadzilacos &amp; Goodman ch. 7). Phase 1 is
/// <see cref="Prepare"/> ("VOTE-REQ") and <see cref="Vote"/>; phase 2 is <see cref="Decision"/> and
/// <see cref="Ack"/>. <see cref="DecisionRequest"/> is the termination protocol's question, sent by an
/// in-doubt participant to the coordinator and, cooperatively, to the other participants, who answer with a
/// <see cref="Decision"/> or <see cref="Uncertain"/>. Every message names its transaction.
/// </summary>
public abstract record TwoPhaseCommitMessage(TransactionId Transaction) : IHasSize
{
    public abstract int SizeInBytes { get; }

    private protected static int SizeOf(string s) => 4 + Encoding.UTF8.GetByteCount(s);

    /// <summary>"Can you commit these changes?" with the participant list, which the termination protocol needs.</summary>
    public sealed record Prepare(TransactionId Transaction, IReadOnlyList<BalanceChange> Changes, IReadOnlyList<NodeId> Participants)
        : TwoPhaseCommitMessage(Transaction)
    {
        public override int SizeInBytes => 8 + Changes.Sum(c => SizeOf(c.Account) + 8) + 4 * Participants.Count;
        public override string ToString() => $"Prepare({Transaction}: {string.Join(", ", Changes)})";
    }

    /// <summary>YES ("prepared: I can commit and will not decide alone") or NO (with why).</summary>
    public sealed record Vote(TransactionId Transaction, bool Yes, string? Reason = null) : TwoPhaseCommitMessage(Transaction)
    {
        public override int SizeInBytes => 9;
        public override string ToString() => Yes ? $"Vote({Transaction}, YES)" : $"Vote({Transaction}, NO: {Reason})";
    }

    /// <summary>COMMIT or ABORT, from the coordinator or from a participant that knows.</summary>
    public sealed record Decision(TransactionId Transaction, TransactionOutcome Outcome) : TwoPhaseCommitMessage(Transaction)
    {
        public override int SizeInBytes => 9;
        public override string ToString() => $"Decision({Transaction}, {Outcome})";
    }

    /// <summary>"I have logged the decision": the coordinator may forget the transaction once all are in.</summary>
    public sealed record Ack(TransactionId Transaction) : TwoPhaseCommitMessage(Transaction)
    {
        public override int SizeInBytes => 8;
        public override string ToString() => $"Ack({Transaction})";
    }

    /// <summary>"What was decided?" — the termination protocol's question ("DECISION-REQ").</summary>
    public sealed record DecisionRequest(TransactionId Transaction) : TwoPhaseCommitMessage(Transaction)
    {
        public override int SizeInBytes => 8;
        public override string ToString() => $"DecisionRequest({Transaction})";
    }

    /// <summary>A peer's answer when it is in doubt too: it voted YES and knows nothing more.</summary>
    public sealed record Uncertain(TransactionId Transaction) : TwoPhaseCommitMessage(Transaction)
    {
        public override int SizeInBytes => 8;
        public override string ToString() => $"Uncertain({Transaction})";
    }
}

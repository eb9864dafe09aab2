using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>What the termination rule tells a participant to do.</summary>
public enum TerminationDecision
{
    /// <summary>Log COMMIT, apply the writes, release the locks.</summary>
    Commit,

    /// <summary>Log ABORT, release the locks.</summary>
    Abort,

    /// <summary>Decide nothing: stay in doubt, keep the locks, keep asking (2PC's blocking).</summary>
    Blocked,
}

/// <summary>
/// What a participant knows when it must decide a transaction without its coordinator.
/// <see cref="Own"/> is its own state, from its log. <see cref="Peers"/> has one entry per other participant
/// of the transaction: the state that peer last answered — <see cref="ParticipantState.Committed"/>,
/// <see cref="ParticipantState.Aborted"/> or <see cref="ParticipantState.InDoubt"/> ("uncertain") — or null
/// if it has not answered (yet). A peer that never voted aborts before it answers (it may: it never
/// promised anything), so it answers Aborted. <see cref="Peers"/> is empty when the participant does not
/// know who the others are (it never saw the PREPARE).
/// </summary>
public sealed record TerminationQuery(NodeId Node, TransactionId Transaction, ParticipantState Own, IReadOnlyDictionary<NodeId, ParticipantState?> Peers)
{
    public override string ToString() =>
        $"{Transaction} at {Node}: {Own}" +
        (Peers.Count == 0 ? "" : "; " + string.Join(", ", Peers.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value?.ToString() ?? "no answer"}")));
}

/// <summary>
/// The decision of the cooperative termination protocol (Bernstein, Hadzilacos &amp; Goodman §7.4), as a
/// plug-in: the week-2 exercise asks the learner to write it, and the checker runs the termination scenarios
/// with their rule inside real participants (<see cref="TwoPhaseCommitOptions.TerminationRule"/>).
/// A participant asks its rule when it is in doubt and cooperative termination is on — each time a peer
/// answers its DecisionRequest and each time it is about to ask again — and when a peer asks it about a
/// transaction it has no record of (<see cref="TerminationQuery.Own"/> is NotPrepared; Blocked then means
/// "answer Uncertain"). A participant that has decided is never asked: a logged decision never changes. The
/// coordinator's own answer is not the rule's business: it is the decision, and is always obeyed.
/// </summary>
public interface ITerminationRule
{
    TerminationDecision Decide(TerminationQuery query);
}

/// <summary>The reference solution: the library's participants use it unless told otherwise.</summary>
public sealed class ReferenceTerminationRule : ITerminationRule
{
    public static ReferenceTerminationRule Instance { get; } = new();

    public TerminationDecision Decide(TerminationQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        switch (query.Own)
        {
            case ParticipantState.Committed: return TerminationDecision.Commit;
            case ParticipantState.Aborted: return TerminationDecision.Abort;
            // Never voted YES: the coordinator cannot have decided COMMIT without this vote, so aborting
            // alone is safe (the participant logs ABORT before telling anyone, so it can never vote YES later).
            case ParticipantState.NotPrepared: return TerminationDecision.Abort;
        }
        // In doubt: only someone who knows can help. A peer that committed proves the decision was COMMIT;
        // a peer that aborted (voted NO, never voted, or heard ABORT) proves it cannot be COMMIT.
        if (query.Peers.Values.Contains(ParticipantState.Committed)) return TerminationDecision.Commit;
        if (query.Peers.Values.Contains(ParticipantState.Aborted)) return TerminationDecision.Abort;
        // Every answer is "uncertain" or missing: the coordinator may have decided either way. Wait.
        return TerminationDecision.Blocked;
    }
}

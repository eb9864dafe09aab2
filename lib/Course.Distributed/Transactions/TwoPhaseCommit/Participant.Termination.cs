using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// The termination protocol (Bernstein, Hadzilacos &amp; Goodman §7.4). An in-doubt participant asks the
/// coordinator — and, cooperatively, the other participants — for the decision, again and again. A peer that
/// knows the decision tells it; a peer that never voted YES may still abort on its own, so it does (logging
/// ABORT first, so it can never vote YES later) and says so; a peer that is in doubt too can only say it is
/// uncertain. When every participant voted YES and the coordinator is down, nobody can help: 2PC blocks.
/// What to make of the peers' answers — and whether to abort unasked-for work — is decided by the
/// <see cref="ITerminationRule"/> in the options (<see cref="ReferenceTerminationRule"/> unless a learner's is plugged in).
/// </summary>
public sealed partial class Participant
{
    private static readonly IReadOnlyDictionary<NodeId, ParticipantState?> NoPeers = new Dictionary<NodeId, ParticipantState?>();

    /// <summary>The latest answer of each peer, per transaction still in doubt (volatile: after a restart it asks again).</summary>
    private readonly Dictionary<TransactionId, Dictionary<NodeId, ParticipantState>> _answers = [];

    private void AskForDecision(Entry e, bool first)
    {
        if (_halted) return; // a termination decision earlier in this tick may have crashed the node at a crash point
        if (first) _context.Note("in-doubt", $"{e.Id}: no decision after {_options.InDoubtTimeoutTicks} ticks, asking");
        if (_options.CooperativeTermination && Terminate(e, null)) return; // reconsider what the peers said so far
        Send(e.Coordinator!.Value, new TwoPhaseCommitMessage.DecisionRequest(e.Id));
        if (!_options.CooperativeTermination) return;
        foreach (var peer in e.Participants)
            if (peer != _context.Self && peer != e.Coordinator) Send(peer, new TwoPhaseCommitMessage.DecisionRequest(e.Id));
    }

    /// <summary>A Decision or Uncertain from another participant about a transaction this one is in doubt about: an answer to its DecisionRequest.</summary>
    private bool IsPeerAnswer(NodeId from, TwoPhaseCommitMessage message) =>
        message is TwoPhaseCommitMessage.Decision or TwoPhaseCommitMessage.Uncertain
        && _transactions.TryGetValue(message.Transaction, out var e) && e.State == ParticipantState.InDoubt && from != e.Coordinator;

    private void OnPeerAnswer(NodeId from, TwoPhaseCommitMessage answer)
    {
        var e = _transactions[answer.Transaction];
        // Forget the answers kept for transactions decided since (by the coordinator's word).
        foreach (var stale in _answers.Keys.Where(t => _transactions[t].State != ParticipantState.InDoubt).ToArray()) _answers.Remove(stale);
        if (!_answers.TryGetValue(e.Id, out var answers)) _answers[e.Id] = answers = [];
        answers[from] = answer is TwoPhaseCommitMessage.Decision d ? State(d.Outcome) : ParticipantState.InDoubt;
        Terminate(e, from);
    }

    /// <summary>Asks the rule about an in-doubt transaction; on COMMIT or ABORT logs and applies it. Returns whether it decided.</summary>
    private bool Terminate(Entry e, NodeId? answeredBy)
    {
        var peers = new SortedDictionary<NodeId, ParticipantState?>();
        foreach (var p in e.Participants) if (p != _context.Self) peers[p] = null;
        if (_answers.TryGetValue(e.Id, out var answers)) foreach (var (p, s) in answers) peers[p] = s;
        var query = new TerminationQuery(_context.Self, e.Id, e.State, peers);
        if (Rule(query) is not { } outcome) return false;

        _answers.Remove(e.Id);
        _log.Force(new LogRecord.Decision(e.Id, outcome, e.Participants));
        _probe?.Decided?.Invoke(Id, e.Id, outcome);
        _context.Note("decided", $"{e.Id} {outcome} (cooperative termination, {(answeredBy is { } by ? $"on {by}'s answer" : "before asking again")}: {query})");
        if (CrashHere(CrashPoint.ParticipantAfterDecisionLogged, e.Id)) return true;

        Settle(e, outcome);
        CrashHere(CrashPoint.ParticipantAfterAck, e.Id);
        return true;
    }

    /// <summary>The options' termination rule, as an outcome (null for Blocked).</summary>
    private TransactionOutcome? Rule(TerminationQuery query) => _options.TerminationRule.Decide(query) switch
    {
        TerminationDecision.Commit => TransactionOutcome.Committed,
        TerminationDecision.Abort => TransactionOutcome.Aborted,
        TerminationDecision.Blocked => null,
        var other => throw new InvalidOperationException($"The termination rule answered {other} for {query}: not a TerminationDecision."),
    };

    private void OnDecisionRequest(NodeId from, TwoPhaseCommitMessage.DecisionRequest request)
    {
        var tx = request.Transaction;
        if (_transactions.TryGetValue(tx, out var e))
        {
            Send(from, e.State switch
            {
                ParticipantState.InDoubt => new TwoPhaseCommitMessage.Uncertain(tx),
                ParticipantState.Committed => new TwoPhaseCommitMessage.Decision(tx, TransactionOutcome.Committed),
                _ => new TwoPhaseCommitMessage.Decision(tx, TransactionOutcome.Aborted),
            });
            return;
        }
        // No PREPARED record, so this participant never voted YES: the coordinator cannot have decided COMMIT,
        // and aborting now is safe — provided it is logged before anyone hears of it. (That is the reference
        // rule's answer; a rule that says Blocked leaves it undecided and answers Uncertain.)
        if (Rule(new TerminationQuery(_context.Self, tx, ParticipantState.NotPrepared, NoPeers)) is not { } outcome)
        {
            Send(from, new TwoPhaseCommitMessage.Uncertain(tx));
            return;
        }
        _log.Force(new LogRecord.Decision(tx, outcome, []));
        _transactions[tx] = new Entry(tx, State(outcome), null, [], []);
        _probe?.Decided?.Invoke(Id, tx, outcome);
        _context.Note(outcome == TransactionOutcome.Aborted ? "unilateral-abort" : "unilateral-commit",
            $"{tx}: asked by {from} before voting, {(outcome == TransactionOutcome.Aborted ? "aborts" : "commits — without a PREPARED record")}");
        Send(from, new TwoPhaseCommitMessage.Decision(tx, outcome));
    }
}

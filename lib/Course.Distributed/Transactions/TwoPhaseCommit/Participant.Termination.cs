using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// The termination protocol (Bernstein, Hadzilacos &amp; Goodman §7.4). An in-doubt participant asks the
/// coordinator — and, cooperatively, the other participants — for the decision, again and again. A peer that
/// knows the decision tells it; a peer that never voted YES may still abort on its own, so it does (logging
/// ABORT first, so it can never vote YES later) and says so; a peer that is in doubt too can only say it is
/// uncertain. When every participant voted YES and the coordinator is down, nobody can help: 2PC blocks.
/// </summary>
public sealed partial class Participant
{
    private void AskForDecision(Entry e, bool first)
    {
        if (first) _context.Note("in-doubt", $"{e.Id}: no decision after {_options.InDoubtTimeoutTicks} ticks, asking");
        Send(e.Coordinator!.Value, new TwoPhaseCommitMessage.DecisionRequest(e.Id));
        if (!_options.CooperativeTermination) return;
        foreach (var peer in e.Participants)
            if (peer != _context.Self && peer != e.Coordinator) Send(peer, new TwoPhaseCommitMessage.DecisionRequest(e.Id));
    }

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
        // and aborting now is safe — provided it is logged before anyone hears of it.
        _log.Force(new LogRecord.Decision(tx, TransactionOutcome.Aborted, []));
        _transactions[tx] = new Entry(tx, ParticipantState.Aborted, null, [], []);
        _probe?.Decided?.Invoke(Id, tx, TransactionOutcome.Aborted);
        _context.Note("unilateral-abort", $"{tx}: asked by {from} before voting, aborts");
        Send(from, new TwoPhaseCommitMessage.Decision(tx, TransactionOutcome.Aborted));
    }
}

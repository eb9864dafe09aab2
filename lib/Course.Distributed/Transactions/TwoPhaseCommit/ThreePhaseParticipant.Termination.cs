using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// Skeen's termination protocol, run by the lowest-numbered participant that times out (the backup
/// coordinator). It collects the states of the participants it can reach — under the synchronous
/// assumption, whoever does not answer within the window has crashed — and applies the rule: anyone
/// Committed → commit; anyone Aborted or Initial → abort; anyone Committable → PreCommit the uncertain ones,
/// then commit; everyone Uncertain → abort (the old coordinator cannot have committed). With a partition
/// instead of crashes, each side may run this with a different view — and decide differently.
/// </summary>
public sealed partial class ThreePhaseParticipant
{
    private sealed class Termination(int ticks)
    {
        public Dictionary<NodeId, ThreePhaseState> Reports { get; } = [];
        public HashSet<NodeId> Acked { get; } = [];
        public int TicksLeft { get; set; } = ticks;
        public bool PreCommitting { get; set; }
    }

    private void BeginTermination(Entry e)
    {
        e.Terminating = new Termination(_options.ReplyWindowTicks);
        e.Terminating.Reports[_context.Self] = e.State;
        _context.Note("terminating", $"{e.Id}: the coordinator is silent, {_context.Self} takes over as backup coordinator");
        foreach (var p in e.Participants.Where(p => p != _context.Self)) _context.Send(p, new ThreePhaseCommitMessage.StateRequest(e.Id));
    }

    private void ContinueTermination(Entry e)
    {
        var t = e.Terminating!;
        if (--t.TicksLeft > 0) return;
        if (t.PreCommitting)
        {
            Decide(e, TransactionOutcome.Committed, "backup: committable, PreCommit round done");
            return;
        }
        var states = t.Reports.Values.ToArray();
        var view = string.Join(", ", t.Reports.OrderBy(r => r.Key).Select(r => $"{r.Key}={r.Value}"));
        if (states.Contains(ThreePhaseState.Committed)) Decide(e, TransactionOutcome.Committed, $"backup saw a commit [{view}]");
        else if (states.Any(s => s is ThreePhaseState.Aborted or ThreePhaseState.Initial)) Decide(e, TransactionOutcome.Aborted, $"backup saw an abort or a non-voter [{view}]");
        else if (states.Contains(ThreePhaseState.Committable))
        {
            // Move every uncertain one to committable first, so a later backup cannot see "all uncertain" and abort.
            e.State = ThreePhaseState.Committable;
            t.PreCommitting = true;
            t.TicksLeft = _options.ReplyWindowTicks;
            foreach (var p in t.Reports.Where(r => r.Value == ThreePhaseState.Uncertain && r.Key != _context.Self).Select(r => r.Key))
                _context.Send(p, new ThreePhaseCommitMessage.PreCommit(e.Id));
            _context.Note("terminating", $"{e.Id}: committable [{view}], PreCommit to the uncertain ones");
        }
        else Decide(e, TransactionOutcome.Aborted, $"backup: everyone reachable is uncertain [{view}]");
    }

    private void Decide(Entry e, TransactionOutcome outcome, string why)
    {
        foreach (var p in e.Participants.Where(p => p != _context.Self)) _context.Send(p, new ThreePhaseCommitMessage.Decision(e.Id, outcome));
        Settle(e, outcome, why);
    }

    private void OnStateRequest(NodeId from, ThreePhaseCommitMessage.StateRequest r, Entry? e)
    {
        if (e is null)
        {
            // Never voted: abort now, and say so (a later CanCommit gets NO).
            _transactions[r.Transaction] = e = new Entry(r.Transaction, ThreePhaseState.Aborted, [], []);
            _context.Note("decided", $"{r.Transaction} Aborted (asked before voting)");
        }
        if (e.Terminating is not null && from.Value < _context.Self.Value) e.Terminating = null; // defer to the lower-numbered backup
        _context.Send(from, new ThreePhaseCommitMessage.StateReport(r.Transaction, e.State));
    }
}

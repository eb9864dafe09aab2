using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// The 3PC coordinator: CanCommit → votes → PreCommit → acks → DoCommit. It decides ABORT on a NO or a
/// missing vote, and commits when the PreCommit acks are in or timed out (a participant that does not ack
/// is taken to have crashed — the synchronous assumption). Volatile, for contrast only: these scenarios never
/// restart it — the point is that 3PC's participants finish without it.
/// </summary>
public sealed class ThreePhaseCoordinator : INode<ThreePhaseCommitMessage>
{
    private readonly ThreePhaseCommitOptions _options;
    private readonly Func<NodeId, ThreePhaseCrashPoint, TransactionId, bool>? _crashHere;
    private readonly Dictionary<TransactionId, Entry> _transactions = [];
    private INodeContext<ThreePhaseCommitMessage> _context = null!;

    public ThreePhaseCoordinator(ThreePhaseCommitOptions? options = null) : this(options, null)
    {
    }

    internal ThreePhaseCoordinator(ThreePhaseCommitOptions? options, Func<NodeId, ThreePhaseCrashPoint, TransactionId, bool>? crashHere)
    {
        _options = options ?? new ThreePhaseCommitOptions();
        _crashHere = crashHere;
    }

    private sealed class Entry(TransactionId id, IReadOnlyDictionary<NodeId, IReadOnlyList<BalanceChange>> work)
    {
        public TransactionId Id { get; } = id;
        public NodeId[] Participants { get; } = [.. work.Keys.Order()];
        public IReadOnlyDictionary<NodeId, IReadOnlyList<BalanceChange>> Work { get; } = work;
        public HashSet<NodeId> Yes { get; } = [];
        public HashSet<NodeId> Acked { get; } = [];
        public bool PreCommitting { get; set; }
        public int Ticks { get; set; }
    }

    public void Start(INodeContext<ThreePhaseCommitMessage> context) => _context = context;

    /// <summary>Starts 3PC for <paramref name="transaction"/>; <paramref name="work"/> says what each participant must do.</summary>
    public void Begin(TransactionId transaction, IReadOnlyDictionary<NodeId, IReadOnlyList<BalanceChange>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (work.Count == 0) throw new ArgumentException("A transaction needs at least one participant.", nameof(work));
        var e = new Entry(transaction, work);
        _transactions[transaction] = e;
        foreach (var p in e.Participants) _context.Send(p, new ThreePhaseCommitMessage.CanCommit(transaction, work[p], e.Participants));
    }

    public void Receive(NodeId from, ThreePhaseCommitMessage message)
    {
        if (!_transactions.TryGetValue(message.Transaction, out var e)) return;
        switch (message)
        {
            case ThreePhaseCommitMessage.Vote { Yes: false }:
                Finish(e, TransactionOutcome.Aborted, $"{from} voted NO");
                break;
            case ThreePhaseCommitMessage.Vote when !e.PreCommitting && e.Yes.Add(from) && e.Yes.Count == e.Participants.Length:
                if (Crash(ThreePhaseCrashPoint.CoordinatorAfterVotes, e.Id)) return;
                e.PreCommitting = true;
                e.Ticks = 0;
                _context.Note("precommit", $"{e.Id}: all voted YES");
                var first = true;
                foreach (var p in e.Participants)
                {
                    _context.Send(p, new ThreePhaseCommitMessage.PreCommit(e.Id));
                    if (first && Crash(ThreePhaseCrashPoint.CoordinatorAfterFirstPreCommit, e.Id)) return;
                    first = false;
                }
                break;
            case ThreePhaseCommitMessage.PreCommitAck when e.PreCommitting && e.Acked.Add(from) && e.Acked.Count == e.Participants.Length:
                if (Crash(ThreePhaseCrashPoint.CoordinatorBeforeDoCommit, e.Id)) return;
                Finish(e, TransactionOutcome.Committed, "all acknowledged PreCommit");
                break;
        }
    }

    public void Tick()
    {
        foreach (var e in _transactions.Values.OrderBy(e => e.Id).ToArray())
        {
            if (++e.Ticks < _options.CoordinatorTimeoutTicks) continue;
            if (e.PreCommitting) Finish(e, TransactionOutcome.Committed, "PreCommit acks timed out: the silent participants are taken to have crashed");
            else Finish(e, TransactionOutcome.Aborted, "votes missing");
        }
    }

    private void Finish(Entry e, TransactionOutcome outcome, string why)
    {
        _transactions.Remove(e.Id);
        _context.Note("decision", $"{e.Id} {outcome}: {why}");
        foreach (var p in e.Participants) _context.Send(p, new ThreePhaseCommitMessage.Decision(e.Id, outcome));
    }

    private bool Crash(ThreePhaseCrashPoint point, TransactionId tx) => _crashHere?.Invoke(_context.Self, point, tx) == true;
}

using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// The transaction manager of two-phase commit with presumed abort (Mohan, Lindsay &amp; Obermarck 1986).
/// Phase 1 sends PREPARE and collects votes (re-sending PREPARE, and deciding ABORT when votes are missing
/// after a timeout); phase 2 forces the decision to the log, then sends it until every participant has
/// acknowledged, then writes END and forgets. Nothing is logged before the decision, so a transaction this
/// coordinator knows nothing about — never started, undecided when it crashed, or ended — is answered ABORT:
/// that is the presumption. Recovery re-sends every logged decision that has no END.
/// </summary>
public sealed class Coordinator : INode<TwoPhaseCommitMessage>
{
    private readonly TwoPhaseCommitOptions _options;
    private readonly ProtocolProbe? _probe;
    private readonly Dictionary<TransactionId, Entry> _transactions = [];
    private INodeContext<TwoPhaseCommitMessage> _context = null!;
    private WriteAheadLog _log = null!;
    private bool _halted;

    public Coordinator(TwoPhaseCommitOptions? options = null) : this(options, null)
    {
    }

    internal Coordinator(TwoPhaseCommitOptions? options, ProtocolProbe? probe)
    {
        _options = options ?? new TwoPhaseCommitOptions();
        _probe = probe;
    }

    /// <summary>A transaction between its start and its END (volatile: only decisions are rebuilt from the log).</summary>
    private sealed class Entry(TransactionId id, IReadOnlyDictionary<NodeId, IReadOnlyList<BalanceChange>> work)
    {
        public TransactionId Id { get; } = id;
        public IReadOnlyDictionary<NodeId, IReadOnlyList<BalanceChange>> Work { get; } = work;
        public NodeId[] Participants { get; } = [.. work.Keys.Order()];
        public Dictionary<NodeId, bool> Votes { get; } = [];
        public TransactionOutcome? Outcome { get; set; }
        public SortedSet<NodeId> AwaitingAck { get; } = [];
        public int Ticks { get; set; }
    }

    public NodeId Id => _context.Self;

    public IReadOnlyList<LogRecord> Log => _log.Records;

    /// <summary>Transactions started or decided and not yet ended (what keeps the coordinator busy).</summary>
    public int Pending => _transactions.Count;

    /// <summary>END records appended and not yet on disk (they are written lazily, at the next tick).</summary>
    public int UnflushedLogRecords => _log.UnflushedCount;

    /// <summary>The decision this coordinator remembers, or null (undecided, or forgotten after END or a crash).</summary>
    public TransactionOutcome? DecisionOf(TransactionId transaction) =>
        _transactions.TryGetValue(transaction, out var e) ? e.Outcome : null;

    /// <summary>Whether phase 1 is still running for <paramref name="transaction"/> (started, undecided, not forgotten).</summary>
    public bool IsCollectingVotes(TransactionId transaction) =>
        _transactions.TryGetValue(transaction, out var e) && e.Outcome is null;

    /// <summary>Recovery: every logged decision without END is sent again; undecided transactions are gone, hence aborted.</summary>
    public void Start(INodeContext<TwoPhaseCommitMessage> context)
    {
        _context = context;
        _log = new WriteAheadLog(context.Storage);
        foreach (var record in _log.Records)
        {
            switch (record)
            {
                case LogRecord.Decision d:
                    var e = new Entry(d.Transaction, d.Participants.ToDictionary(p => p, _ => (IReadOnlyList<BalanceChange>)[])) { Outcome = d.Outcome };
                    e.AwaitingAck.UnionWith(d.Participants); // the acks were volatile: ask everyone again
                    e.Ticks = -1;                            // re-send at the first tick
                    _transactions[d.Transaction] = e;
                    break;
                case LogRecord.End end:
                    _transactions.Remove(end.Transaction);
                    break;
            }
        }
        if (_transactions.Count > 0)
            _context.Note("recovered", $"re-sending {string.Join(", ", _transactions.Values.Select(e => $"{e.Id} {e.Outcome}"))}");
    }

    /// <summary>
    /// A client asks to commit a transaction: <paramref name="work"/> says what each participant must do.
    /// Phase 1 starts at once.
    /// </summary>
    public void Begin(TransactionId transaction, IReadOnlyDictionary<NodeId, IReadOnlyList<BalanceChange>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (work.Count == 0) throw new ArgumentException("A transaction needs at least one participant.", nameof(work));
        if (work.ContainsKey(_context.Self)) throw new ArgumentException("The coordinator is not a participant.", nameof(work));
        if (_transactions.ContainsKey(transaction)) throw new ArgumentException($"{transaction} is already running.", nameof(transaction));
        if (_halted || CrashHere(CrashPoint.CoordinatorBeforePrepare, transaction)) return;

        var e = new Entry(transaction, work);
        _transactions[transaction] = e;
        _context.Note("begin", $"{transaction} at {string.Join(", ", e.Participants)}");
        SendPrepares(e);
        CrashHere(CrashPoint.CoordinatorAfterPrepare, transaction);
    }

    public void Receive(NodeId from, TwoPhaseCommitMessage message)
    {
        if (_halted) return;
        var known = _transactions.TryGetValue(message.Transaction, out var e);
        switch (message)
        {
            case TwoPhaseCommitMessage.Vote vote when !known:
                // Presumed abort: a YES for a transaction this coordinator does not know (undecided when it crashed).
                if (vote.Yes) Send(from, new TwoPhaseCommitMessage.Decision(vote.Transaction, TransactionOutcome.Aborted));
                break;
            case TwoPhaseCommitMessage.Vote when e!.Outcome is { } outcome:
                if (e.AwaitingAck.Contains(from)) Send(from, new TwoPhaseCommitMessage.Decision(e.Id, outcome));
                break;
            case TwoPhaseCommitMessage.Vote vote:
                OnVote(e!, from, vote);
                break;
            case TwoPhaseCommitMessage.Ack when known && e!.Outcome is not null:
                OnAck(e, from);
                break;
            case TwoPhaseCommitMessage.DecisionRequest request when !known:
                Send(from, new TwoPhaseCommitMessage.Decision(request.Transaction, TransactionOutcome.Aborted));
                break;
            case TwoPhaseCommitMessage.DecisionRequest when e!.Outcome is { } outcome:
                Send(from, new TwoPhaseCommitMessage.Decision(e.Id, outcome));
                break;
            // A DecisionRequest while votes are still coming in waits for the decision (at most the vote timeout).
        }
    }

    public void Tick()
    {
        if (_halted) return;
        if (_log.UnflushedCount > 0) _log.Flush(); // END records are written lazily
        foreach (var e in _transactions.Values.OrderBy(e => e.Id).ToArray())
        {
            e.Ticks++;
            if (e.Outcome is { } outcome)
            {
                if (e.Ticks % _options.DecisionRetryTicks == 0)
                    foreach (var p in e.AwaitingAck) Send(p, new TwoPhaseCommitMessage.Decision(e.Id, outcome));
            }
            else if (e.Ticks >= _options.VoteTimeoutTicks)
            {
                var missing = e.Participants.Where(p => !e.Votes.ContainsKey(p));
                Decide(e, TransactionOutcome.Aborted, $"no vote from {string.Join(", ", missing)} after {_options.VoteTimeoutTicks} ticks");
            }
            else if (e.Ticks % _options.PrepareRetryTicks == 0)
            {
                SendPrepares(e);
            }
            if (_halted) return;
        }
    }

    private void SendPrepares(Entry e)
    {
        foreach (var p in e.Participants.Where(p => !e.Votes.ContainsKey(p)))
            Send(p, new TwoPhaseCommitMessage.Prepare(e.Id, e.Work[p], e.Participants));
    }

    private void OnVote(Entry e, NodeId from, TwoPhaseCommitMessage.Vote vote)
    {
        if (!e.Work.ContainsKey(from) || !e.Votes.TryAdd(from, vote.Yes)) return;
        if (!vote.Yes) Decide(e, TransactionOutcome.Aborted, $"{from} voted NO: {vote.Reason}");
        else if (e.Votes.Count == e.Participants.Length) Decide(e, TransactionOutcome.Committed, "all voted YES");
    }

    /// <summary>The commit point: the decision is forced to the log before anyone hears it.</summary>
    private void Decide(Entry e, TransactionOutcome outcome, string why)
    {
        if (CrashHere(CrashPoint.CoordinatorBeforeDecisionLogged, e.Id)) return;
        _log.Force(new LogRecord.Decision(e.Id, outcome, e.Participants));
        e.Outcome = outcome;
        e.Ticks = 0;
        // Participants that voted NO have aborted on their own and need not be told.
        e.AwaitingAck.UnionWith(e.Participants.Where(p => e.Votes.GetValueOrDefault(p, true)));
        _probe?.Decided?.Invoke(Id, e.Id, outcome);
        _context.Note("decision", $"{e.Id} {outcome}: {why}");
        if (CrashHere(CrashPoint.CoordinatorAfterDecisionLogged, e.Id)) return;

        var first = true;
        foreach (var p in e.AwaitingAck.ToArray())
        {
            Send(p, new TwoPhaseCommitMessage.Decision(e.Id, outcome));
            if (first && CrashHere(CrashPoint.CoordinatorAfterFirstDecisionSent, e.Id)) return;
            first = false;
        }
        if (e.AwaitingAck.Count == 0) End(e);
    }

    private void OnAck(Entry e, NodeId from)
    {
        if (!e.AwaitingAck.Remove(from) || e.AwaitingAck.Count > 0) return;
        End(e);
    }

    /// <summary>Every participant has the decision on its log: END, and forget. END need not be forced — if it is lost, recovery merely re-sends the decision.</summary>
    private void End(Entry e)
    {
        if (CrashHere(CrashPoint.CoordinatorBeforeEnd, e.Id)) return;
        _log.AppendLazily(new LogRecord.End(e.Id));
        _transactions.Remove(e.Id);
        _context.Note("end", $"{e.Id} {e.Outcome}");
    }

    private void Send(NodeId to, TwoPhaseCommitMessage message)
    {
        _context.Send(to, message);
        _probe?.Sent?.Invoke(_context.Self, message);
    }

    private bool CrashHere(CrashPoint point, TransactionId tx)
    {
        if (_probe?.CrashHere?.Invoke(_context.Self, point, tx) != true) return false;
        _halted = true;
        return true;
    }
}

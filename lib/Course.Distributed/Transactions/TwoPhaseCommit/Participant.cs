using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// A resource manager of two-phase commit: it keeps some account balances, locks the accounts a transaction
/// touches, votes, and applies the decision. Its write-ahead log is the truth: PREPARED (with the after-images)
/// is forced before it votes YES, and the decision before it is applied. From the YES vote until it learns the
/// decision the participant is <em>in doubt</em>: it may not decide alone and keeps its locks, even across a
/// crash — that is 2PC's blocking. The termination protocol's side is in Participant.Termination.cs.
/// </summary>
public sealed partial class Participant : INode<TwoPhaseCommitMessage>
{
    private readonly IReadOnlyDictionary<string, long> _initialBalances;
    private readonly TwoPhaseCommitOptions _options;
    private readonly ProtocolProbe? _probe;
    private readonly Dictionary<string, long> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<TransactionId, Entry> _transactions = [];
    private INodeContext<TwoPhaseCommitMessage> _context = null!;
    private WriteAheadLog _log = null!;
    private bool _halted;

    /// <param name="initialBalances">The accounts this participant holds and their balances as first loaded.</param>
    /// <param name="options">Timeouts and switches; defaults if null.</param>
    public Participant(IReadOnlyDictionary<string, long> initialBalances, TwoPhaseCommitOptions? options = null)
        : this(initialBalances, options, null)
    {
    }

    internal Participant(IReadOnlyDictionary<string, long> initialBalances, TwoPhaseCommitOptions? options, ProtocolProbe? probe)
    {
        ArgumentNullException.ThrowIfNull(initialBalances);
        _initialBalances = initialBalances;
        _options = options ?? new TwoPhaseCommitOptions();
        _probe = probe;
    }

    /// <summary>What this participant knows of one transaction (volatile; rebuilt from the log at start).</summary>
    private sealed class Entry(TransactionId id, ParticipantState state, NodeId? coordinator, IReadOnlyList<NodeId> participants, IReadOnlyList<AfterImage> writes)
    {
        public TransactionId Id { get; } = id;
        public ParticipantState State { get; set; } = state;
        /// <summary>Null when this participant never saw the PREPARE (it learned of the transaction otherwise).</summary>
        public NodeId? Coordinator { get; } = coordinator;
        public IReadOnlyList<NodeId> Participants { get; } = participants;
        public IReadOnlyList<AfterImage> Writes { get; } = writes;
        public int TicksInDoubt { get; set; }
    }

    public NodeId Id => _context.Self;

    /// <summary>Committed balances (in-doubt writes are not visible until their commit).</summary>
    public IReadOnlyDictionary<string, long> Balances => _balances;

    public LockTable Locks { get; } = new();

    public IReadOnlyList<LogRecord> Log => _log.Records;

    /// <summary>Transactions this participant voted YES on and has no decision for.</summary>
    public IReadOnlyList<TransactionId> InDoubt =>
        _transactions.Values.Where(e => e.State == ParticipantState.InDoubt).Select(e => e.Id).Order().ToArray();

    /// <summary>Records appended but not yet on disk (only the broken lazy-log variant has any).</summary>
    public int UnflushedLogRecords => _log.UnflushedCount;

    public ParticipantState StateOf(TransactionId transaction) =>
        _transactions.TryGetValue(transaction, out var e) ? e.State : ParticipantState.NotPrepared;

    /// <summary>Recovery: replay the log — redo committed after-images, and lock again what is still in doubt.</summary>
    public void Start(INodeContext<TwoPhaseCommitMessage> context)
    {
        _context = context;
        _log = new WriteAheadLog(context.Storage);
        foreach (var (account, balance) in _initialBalances) _balances[account] = balance;
        foreach (var record in _log.Records)
        {
            switch (record)
            {
                case LogRecord.Prepared p:
                    _transactions[p.Transaction] = new Entry(p.Transaction, ParticipantState.InDoubt, p.Coordinator, p.Participants, p.Writes);
                    break;
                case LogRecord.Decision d when _transactions.TryGetValue(d.Transaction, out var e) && e.State == ParticipantState.InDoubt:
                    Settle(e, d.Outcome);
                    break;
                case LogRecord.Decision d:
                    _transactions.TryAdd(d.Transaction, new Entry(d.Transaction, State(d.Outcome), null, d.Participants, []));
                    break;
            }
        }
        foreach (var e in _transactions.Values.Where(e => e.State == ParticipantState.InDoubt).OrderBy(e => e.Id))
        {
            // Nobody else can hold these keys: this participant held them when it crashed, and locks are only given here.
            Locks.TryAcquireAll(e.Id, e.Writes.Select(w => w.Account));
            _probe?.LocksAcquired?.Invoke(Id, e.Id);
            e.TicksInDoubt = _options.InDoubtTimeoutTicks - 1; // ask at the first tick: recovery knows it is in doubt
            _context.Note("recovered", $"{e.Id} in doubt, locks {string.Join(",", e.Writes.Select(w => w.Account))} held again");
        }
    }

    public void Receive(NodeId from, TwoPhaseCommitMessage message)
    {
        if (_halted) return;
        switch (message)
        {
            case TwoPhaseCommitMessage.Prepare prepare: OnPrepare(from, prepare); break;
            case TwoPhaseCommitMessage.Decision or TwoPhaseCommitMessage.Uncertain when IsPeerAnswer(from, message): OnPeerAnswer(from, message); break;
            case TwoPhaseCommitMessage.Decision decision: OnDecision(from, decision); break;
            case TwoPhaseCommitMessage.DecisionRequest request: OnDecisionRequest(from, request); break;
        }
    }

    public void Tick()
    {
        if (_halted) return;
        if (_log.UnflushedCount > 0) _log.Flush(); // the broken variant's lazy log reaches the disk a tick late
        foreach (var e in _transactions.Values.Where(e => e.State == ParticipantState.InDoubt).OrderBy(e => e.Id).ToArray())
        {
            e.TicksInDoubt++;
            var waited = e.TicksInDoubt - _options.InDoubtTimeoutTicks;
            if (waited >= 0 && waited % _options.DecisionRequestTicks == 0) AskForDecision(e, waited == 0);
        }
    }

    /// <summary>Phase 1: check, lock, log PREPARED, vote. A NO vote is a unilateral abort, logged so it never changes.</summary>
    private void OnPrepare(NodeId coordinator, TwoPhaseCommitMessage.Prepare prepare)
    {
        var tx = prepare.Transaction;
        if (_transactions.TryGetValue(tx, out var known))
        {
            // A re-sent or duplicated PREPARE gets the same answer again.
            var yes = known.State != ParticipantState.Aborted;
            Send(coordinator, new TwoPhaseCommitMessage.Vote(tx, yes, yes ? null : "already aborted"));
            return;
        }
        var reason = LocalCheck(tx, prepare.Changes, out var writes);
        if (reason is not null)
        {
            Locks.ReleaseAll(tx);
            _log.Force(new LogRecord.Decision(tx, TransactionOutcome.Aborted, prepare.Participants));
            _transactions[tx] = new Entry(tx, ParticipantState.Aborted, coordinator, prepare.Participants, []);
            _probe?.Decided?.Invoke(Id, tx, TransactionOutcome.Aborted);
            _context.Note("vote", $"{tx} NO: {reason}");
            Send(coordinator, new TwoPhaseCommitMessage.Vote(tx, false, reason));
            return;
        }
        _probe?.LocksAcquired?.Invoke(Id, tx);
        if (CrashHere(CrashPoint.ParticipantBeforePrepareLogged, tx)) return;

        var record = new LogRecord.Prepared(tx, coordinator, prepare.Participants, writes);
        if (_options.ForcePreparedBeforeVote) _log.Force(record);
        else _log.AppendLazily(record);
        _transactions[tx] = new Entry(tx, ParticipantState.InDoubt, coordinator, prepare.Participants, writes);
        _probe?.Prepared?.Invoke(Id, tx);
        if (CrashHere(CrashPoint.ParticipantAfterPrepareLogged, tx)) return;

        _context.Note("vote", $"{tx} YES [{string.Join(", ", writes)}]");
        Send(coordinator, new TwoPhaseCommitMessage.Vote(tx, true));
        CrashHere(CrashPoint.ParticipantAfterVote, tx);
    }

    /// <summary>The local part of the transaction: known accounts, locks free, no balance below zero. Null when it can commit.</summary>
    private string? LocalCheck(TransactionId tx, IReadOnlyList<BalanceChange> changes, out AfterImage[] writes)
    {
        writes = [];
        if (changes.FirstOrDefault(c => !_balances.ContainsKey(c.Account)) is { } unknown) return $"no account {unknown.Account} here";
        if (!Locks.TryAcquireAll(tx, changes.Select(c => c.Account)))
        {
            var busy = changes.Select(c => c.Account).First(a => Locks.HolderOf(a) is { } h && h != tx);
            return $"{busy} is locked by {Locks.HolderOf(busy)}";
        }
        var after = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var c in changes) after[c.Account] = after.GetValueOrDefault(c.Account, _balances[c.Account]) + c.Amount;
        if (after.FirstOrDefault(kv => kv.Value < 0) is { Key: not null } overdrawn)
            return $"insufficient funds in {overdrawn.Key} ({_balances[overdrawn.Key]})";
        writes = after.Select(kv => new AfterImage(kv.Key, kv.Value)).ToArray();
        return null;
    }

    /// <summary>Phase 2: log the decision, apply it, release the locks, acknowledge to the coordinator.</summary>
    private void OnDecision(NodeId from, TwoPhaseCommitMessage.Decision decision)
    {
        var tx = decision.Transaction;
        if (!_transactions.TryGetValue(tx, out var e))
        {
            // Never prepared here. ABORT: remember it, so a late PREPARE is refused. COMMIT cannot happen when
            // PREPARED is forced before the vote; with the broken lazy log it means the promised writes are lost.
            if (decision.Outcome == TransactionOutcome.Committed)
                _context.Note("lost-writes", $"{tx} COMMIT arrived but this participant has no PREPARED record: nothing to redo");
            _log.Force(new LogRecord.Decision(tx, decision.Outcome, []));
            _transactions[tx] = new Entry(tx, State(decision.Outcome), from, [], []);
            _probe?.Decided?.Invoke(Id, tx, decision.Outcome);
            Send(from, new TwoPhaseCommitMessage.Ack(tx));
            return;
        }
        if (e.State != ParticipantState.InDoubt)
        {
            // Already decided: a re-sent decision is acknowledged again; a stale contrary answer (e.g. a presumed
            // ABORT from a coordinator that has since forgotten the transaction) is ignored — decisions never change.
            if ((e.Coordinator is null || from == e.Coordinator) && State(decision.Outcome) == e.State) Send(from, new TwoPhaseCommitMessage.Ack(tx));
            return;
        }

        _log.Force(new LogRecord.Decision(tx, decision.Outcome, e.Participants));
        _probe?.Decided?.Invoke(Id, tx, decision.Outcome);
        _context.Note("decided", $"{tx} {decision.Outcome} (told by {(from == e.Coordinator ? "the coordinator" : from.ToString())})");
        if (CrashHere(CrashPoint.ParticipantAfterDecisionLogged, tx)) return;

        Settle(e, decision.Outcome);
        if (from == e.Coordinator) Send(from, new TwoPhaseCommitMessage.Ack(tx));
        CrashHere(CrashPoint.ParticipantAfterAck, tx);
    }

    /// <summary>Applies a logged decision: redo the after-images on COMMIT, then release the locks.</summary>
    private void Settle(Entry e, TransactionOutcome outcome)
    {
        e.State = State(outcome);
        if (outcome == TransactionOutcome.Committed)
            foreach (var w in e.Writes) _balances[w.Account] = w.Balance;
        if (Locks.ReleaseAll(e.Id) > 0) _probe?.LocksReleased?.Invoke(_context.Self, e.Id);
    }

    private static ParticipantState State(TransactionOutcome outcome) =>
        outcome == TransactionOutcome.Committed ? ParticipantState.Committed : ParticipantState.Aborted;

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

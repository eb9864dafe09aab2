using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// A 3PC participant: votes like a 2PC one (local check, locks), becomes committable on PreCommit, applies
/// the decision. If it voted YES and the coordinator falls silent, it does not block: the termination
/// protocol (ThreePhaseParticipant.Termination.cs) lets the participants decide among themselves. Volatile
/// state: these scenarios crash only the coordinator.
/// </summary>
public sealed partial class ThreePhaseParticipant : INode<ThreePhaseCommitMessage>
{
    private readonly IReadOnlyDictionary<string, long> _initialBalances;
    private readonly ThreePhaseCommitOptions _options;
    private readonly Action<NodeId, TransactionId, bool>? _onLocks;
    private readonly Dictionary<string, long> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<TransactionId, Entry> _transactions = [];
    private INodeContext<ThreePhaseCommitMessage> _context = null!;

    public ThreePhaseParticipant(IReadOnlyDictionary<string, long> initialBalances, ThreePhaseCommitOptions? options = null)
        : this(initialBalances, options, null)
    {
    }

    /// <param name="onLocks">Observer: (node, transaction, true on acquire / false on release).</param>
    internal ThreePhaseParticipant(IReadOnlyDictionary<string, long> initialBalances, ThreePhaseCommitOptions? options, Action<NodeId, TransactionId, bool>? onLocks)
    {
        ArgumentNullException.ThrowIfNull(initialBalances);
        _initialBalances = initialBalances;
        _options = options ?? new ThreePhaseCommitOptions();
        _onLocks = onLocks;
    }

    private sealed class Entry(TransactionId id, ThreePhaseState state, IReadOnlyList<NodeId> participants, IReadOnlyList<AfterImage> writes)
    {
        public TransactionId Id { get; } = id;
        public ThreePhaseState State { get; set; } = state;
        public IReadOnlyList<NodeId> Participants { get; } = participants;
        public IReadOnlyList<AfterImage> Writes { get; } = writes;
        public int SilentTicks { get; set; }
        public Termination? Terminating { get; set; }
    }

    public NodeId Id => _context.Self;
    public IReadOnlyDictionary<string, long> Balances => _balances;
    public LockTable Locks { get; } = new();

    public ThreePhaseState StateOf(TransactionId transaction) =>
        _transactions.TryGetValue(transaction, out var e) ? e.State : ThreePhaseState.Initial;

    public void Start(INodeContext<ThreePhaseCommitMessage> context)
    {
        _context = context;
        foreach (var (account, balance) in _initialBalances) _balances[account] = balance;
    }

    public void Receive(NodeId from, ThreePhaseCommitMessage message)
    {
        _transactions.TryGetValue(message.Transaction, out var e);
        if (e is not null) e.SilentTicks = 0; // someone is working on it
        switch (message)
        {
            case ThreePhaseCommitMessage.CanCommit c when e is null:
                OnCanCommit(from, c);
                break;
            case ThreePhaseCommitMessage.CanCommit c:
                _context.Send(from, new ThreePhaseCommitMessage.Vote(c.Transaction, e.State != ThreePhaseState.Aborted));
                break;
            case ThreePhaseCommitMessage.PreCommit when e is { State: ThreePhaseState.Uncertain or ThreePhaseState.Committable }:
                if (e.State == ThreePhaseState.Uncertain) _context.Note("committable", $"{e.Id}");
                e.State = ThreePhaseState.Committable;
                _context.Send(from, new ThreePhaseCommitMessage.PreCommitAck(e.Id));
                break;
            case ThreePhaseCommitMessage.Decision d when e is { State: ThreePhaseState.Uncertain or ThreePhaseState.Committable }:
                Settle(e, d.Outcome, $"told by {from}");
                break;
            case ThreePhaseCommitMessage.StateRequest r:
                OnStateRequest(from, r, e);
                break;
            case ThreePhaseCommitMessage.StateReport report when e?.Terminating is { } t:
                t.Reports[from] = report.State;
                break;
            case ThreePhaseCommitMessage.PreCommitAck when e?.Terminating is { } t:
                t.Acked.Add(from);
                break;
        }
    }

    public void Tick()
    {
        foreach (var e in _transactions.Values.Where(e => e.State is ThreePhaseState.Uncertain or ThreePhaseState.Committable).OrderBy(e => e.Id).ToArray())
        {
            if (e.Terminating is not null) { ContinueTermination(e); continue; }
            var rank = e.Participants.Where(p => p != _context.Self).Count(p => p.Value < _context.Self.Value);
            if (++e.SilentTicks >= _options.ParticipantTimeoutTicks + rank * _options.RankStepTicks) BeginTermination(e);
        }
    }

    private void OnCanCommit(NodeId coordinator, ThreePhaseCommitMessage.CanCommit c)
    {
        var tx = c.Transaction;
        var ok = c.Changes.All(ch => _balances.ContainsKey(ch.Account)) && Locks.TryAcquireAll(tx, c.Changes.Select(ch => ch.Account));
        var after = new Dictionary<string, long>(StringComparer.Ordinal);
        if (ok) foreach (var ch in c.Changes) after[ch.Account] = after.GetValueOrDefault(ch.Account, _balances[ch.Account]) + ch.Amount;
        if (!ok || after.Values.Any(v => v < 0))
        {
            Locks.ReleaseAll(tx);
            _transactions[tx] = new Entry(tx, ThreePhaseState.Aborted, c.Participants, []);
            _context.Send(coordinator, new ThreePhaseCommitMessage.Vote(tx, false));
            return;
        }
        _onLocks?.Invoke(_context.Self, tx, true);
        _transactions[tx] = new Entry(tx, ThreePhaseState.Uncertain, c.Participants, [.. after.Select(kv => new AfterImage(kv.Key, kv.Value))]);
        _context.Send(coordinator, new ThreePhaseCommitMessage.Vote(tx, true));
    }

    private void Settle(Entry e, TransactionOutcome outcome, string why)
    {
        e.State = outcome == TransactionOutcome.Committed ? ThreePhaseState.Committed : ThreePhaseState.Aborted;
        e.Terminating = null;
        if (outcome == TransactionOutcome.Committed)
            foreach (var w in e.Writes) _balances[w.Account] = w.Balance;
        if (Locks.ReleaseAll(e.Id) > 0) _onLocks?.Invoke(_context.Self, e.Id, false);
        _context.Note("decided", $"{e.Id} {outcome} ({why})");
    }
}

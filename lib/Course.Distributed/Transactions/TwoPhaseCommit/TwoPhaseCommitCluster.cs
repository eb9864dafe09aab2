using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// Two-phase commit on the deterministic simulator: a <see cref="Coordinator"/> at n0 and participants
/// n1..nN, each holding a few accounts ("n1/a", "n1/b", …). Submit transfers, crash nodes at chosen protocol
/// steps (<see cref="CrashAt"/>) or whenever you like, cut links, make the network lossy; then read per
/// transaction what each participant decided, how long it held locks, what it cost in messages, and whether
/// the run was atomic (<see cref="AtomicityViolations"/>). Fault injection is in TwoPhaseCommitCluster.Faults.cs,
/// reports and checks in TwoPhaseCommitCluster.Audit.cs.
/// </summary>
public sealed partial class TwoPhaseCommitCluster
{
    private readonly Dictionary<string, NodeId> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<NodeId, IReadOnlyDictionary<string, long>> _initialBalances = [];
    private readonly Dictionary<TransactionId, Track> _tracks = [];
    private long _nextTransaction = 1;

    /// <param name="participants">How many participants (at least 1, at most 26).</param>
    /// <param name="seed">The simulation's seed: the same seed gives the same run.</param>
    /// <param name="accountsPerParticipant">Accounts on each participant (1..26), named "n1/a", "n1/b", ….</param>
    /// <param name="initialBalance">Every account's balance at the start (not negative).</param>
    public TwoPhaseCommitCluster(int participants, int seed = 1, int accountsPerParticipant = 2, long initialBalance = 100,
        TwoPhaseCommitOptions? options = null, SimulationOptions? simulationOptions = null)
    {
        if (participants is < 1 or > 26)
            throw new ArgumentOutOfRangeException(nameof(participants), participants, "Two-phase commit needs at least one participant (and this harness takes at most 26).");
        if (accountsPerParticipant is < 1 or > 26)
            throw new ArgumentOutOfRangeException(nameof(accountsPerParticipant), accountsPerParticipant, "Each participant holds 1..26 accounts.");
        if (initialBalance < 0)
            throw new ArgumentOutOfRangeException(nameof(initialBalance), initialBalance, "Balances start at zero or more.");
        Options = options ?? new TwoPhaseCommitOptions();
        Simulation = new Simulation<TwoPhaseCommitMessage>(seed, simulationOptions);
        var probe = new ProtocolProbe
        {
            CrashHere = OnCrashPoint,
            Sent = (_, m) => { if (_tracks.TryGetValue(m.Transaction, out var t)) t.Count(m); },
            LocksAcquired = (n, tx) => TrackOf(tx)?.Part(n).Acquired(Now),
            LocksReleased = (n, tx) => TrackOf(tx)?.Part(n).Released(Now),
            Prepared = (n, tx) => TrackOf(tx)?.Part(n).OnPrepared(Now),
            Decided = (n, tx, _) =>
            {
                if (TrackOf(tx) is not { } t) return;
                if (n == Coordinator) t.DecidedAt ??= Now;
                else t.Part(n).DecidedAt ??= Now;
            },
        };

        Coordinator = Simulation.AddNode(_ => new Coordinator(Options, probe));
        var ids = new List<NodeId>();
        for (var i = 1; i <= participants; i++)
        {
            var node = new NodeId(i);
            var balances = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var a = 0; a < accountsPerParticipant; a++)
            {
                var account = $"{node}/{(char)('a' + a)}";
                balances[account] = initialBalance;
                _accounts[account] = node;
            }
            _initialBalances[node] = balances;
            ids.Add(Simulation.AddNode(id => new Participant(balances, Options, probe)));
        }
        Participants = ids;
        InitialTotal = (long)participants * accountsPerParticipant * initialBalance;
    }

    public Simulation<TwoPhaseCommitMessage> Simulation { get; }
    public TwoPhaseCommitOptions Options { get; }
    public int Seed => Simulation.Seed;
    public TimeSpan Now => Simulation.Now;

    /// <summary>The coordinator's node (n0).</summary>
    public NodeId Coordinator { get; }

    public IReadOnlyList<NodeId> Participants { get; }

    public IReadOnlyList<NodeId> Nodes => Simulation.Servers;

    /// <summary>Every account and the participant that holds it.</summary>
    public IReadOnlyDictionary<string, NodeId> Accounts => _accounts;

    /// <summary>The sum of all balances at the start: what every settled run must still have.</summary>
    public long InitialTotal { get; }

    /// <summary>Transactions submitted so far, in order.</summary>
    public IReadOnlyList<TransactionId> Transactions => [.. _tracks.Keys.Order()];

    /// <summary>Moves <paramref name="amount"/> from one account to another: a debit and a credit, usually at two participants.</summary>
    public TransactionId Transfer(string from, string to, long amount)
    {
        CheckAccount(from, nameof(from));
        CheckAccount(to, nameof(to));
        if (from == to) throw new ArgumentException("A transfer needs two different accounts.", nameof(to));
        if (amount <= 0) throw new ArgumentOutOfRangeException(nameof(amount), amount, "A transfer moves a positive amount.");
        return Submit([new BalanceChange(from, -amount), new BalanceChange(to, amount)]);
    }

    /// <summary>
    /// Submits a transaction to the coordinator. Returns its id even when the coordinator is down: such a
    /// transaction never starts, and is (presumed) aborted.
    /// </summary>
    public TransactionId Submit(IReadOnlyList<BalanceChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0) throw new ArgumentException("A transaction needs at least one change.", nameof(changes));
        foreach (var c in changes) CheckAccount(c?.Account ?? throw new ArgumentNullException(nameof(changes)), nameof(changes));

        var id = new TransactionId(_nextTransaction++);
        IReadOnlyDictionary<NodeId, IReadOnlyList<BalanceChange>> work = changes
            .GroupBy(c => _accounts[c.Account])
            .ToDictionary(g => g.Key, g => (IReadOnlyList<BalanceChange>)g.ToArray());
        var track = new Track(id, [.. changes], work, Now);
        _tracks[id] = track;
        if (Simulation.IsUp(Coordinator))
        {
            track.Started = true;
            Simulation.Invoke<Coordinator, int>(Coordinator, c => { c.Begin(id, work); return 0; });
        }
        return id;
    }

    /// <summary>The live coordinator, or null while it is crashed.</summary>
    public Coordinator? CoordinatorOrNull => Simulation.IsUp(Coordinator) ? Simulation.Node<Coordinator>(Coordinator) : null;

    /// <summary>The live participant, or null while it is crashed.</summary>
    public Participant? ParticipantOrNull(NodeId node) =>
        Simulation.IsUp(CheckParticipant(node, nameof(node))) ? Simulation.Node<Participant>(node) : null;

    /// <summary>
    /// Every node is up, the coordinator has ended every transaction it knows, and no participant holds a lock
    /// or is in doubt: recovery is complete.
    /// </summary>
    public bool IsSettled
    {
        get
        {
            if (!Simulation.IsUp(Coordinator)) return false;
            var coordinator = Simulation.Node<Coordinator>(Coordinator);
            if (coordinator.Pending > 0 || coordinator.UnflushedLogRecords > 0) return false;
            foreach (var p in Participants)
            {
                if (!Simulation.IsUp(p)) return false;
                var node = Simulation.Node<Participant>(p);
                if (node.Locks.Count > 0 || node.UnflushedLogRecords > 0) return false;
            }
            return true;
        }
    }

    public void RunFor(TimeSpan duration) => Simulation.RunFor(duration);

    public bool RunUntil(Func<bool> condition, TimeSpan budget) => Simulation.RunUntil(condition, budget);

    /// <summary>Runs until <see cref="IsSettled"/> or <paramref name="budget"/> of virtual time has passed; returns whether it settled.</summary>
    public bool RunUntilSettled(TimeSpan budget) => Simulation.RunUntil(() => IsSettled, budget);

    private Track? TrackOf(TransactionId tx) => _tracks.GetValueOrDefault(tx);

    private void CheckAccount(string account, string parameterName)
    {
        if (account is null) throw new ArgumentNullException(parameterName);
        if (!_accounts.ContainsKey(account))
            throw new ArgumentException($"Unknown account '{account}': accounts are {string.Join(", ", _accounts.Keys.Take(6))}{(_accounts.Count > 6 ? ", …" : "")}.", parameterName);
    }

    private NodeId CheckNode(NodeId node, string parameterName) =>
        node.Value >= 0 && node.Value <= Participants.Count
            ? node
            : throw new ArgumentException($"Unknown node {node}: this cluster has nodes n0..n{Participants.Count} (n0 is the coordinator).", parameterName);

    private NodeId CheckParticipant(NodeId node, string parameterName) =>
        CheckNode(node, parameterName) != Coordinator
            ? node
            : throw new ArgumentException($"{node} is the coordinator, not a participant (participants are n1..n{Participants.Count}).", parameterName);

    /// <summary>What the harness records about one transaction as it runs.</summary>
    private sealed class Track(TransactionId id, IReadOnlyList<BalanceChange> changes, IReadOnlyDictionary<NodeId, IReadOnlyList<BalanceChange>> work, TimeSpan submittedAt)
    {
        private readonly Dictionary<NodeId, PartTrack> _parts = [];

        public TransactionId Id { get; } = id;
        public IReadOnlyList<BalanceChange> Changes { get; } = changes;
        public IReadOnlyDictionary<NodeId, IReadOnlyList<BalanceChange>> Work { get; } = work;
        public TimeSpan SubmittedAt { get; } = submittedAt;
        public bool Started { get; set; }
        public TimeSpan? DecidedAt { get; set; }
        public SortedDictionary<string, int> Messages { get; } = new(StringComparer.Ordinal);

        public PartTrack Part(NodeId node) => _parts.TryGetValue(node, out var p) ? p : _parts[node] = new PartTrack();

        public PartTrack? PartOrNull(NodeId node) => _parts.GetValueOrDefault(node);

        public void Count(TwoPhaseCommitMessage m)
        {
            var kind = m.GetType().Name;
            Messages[kind] = Messages.GetValueOrDefault(kind) + 1;
        }
    }

    private sealed class PartTrack
    {
        public TimeSpan? AcquiredAt { get; private set; }
        public TimeSpan? ReleasedAt { get; private set; }
        public bool Holding { get; private set; }
        public TimeSpan? PreparedAt { get; private set; }
        public TimeSpan? DecidedAt { get; set; }

        public void Acquired(TimeSpan now) { AcquiredAt ??= now; Holding = true; ReleasedAt = null; }
        public void Released(TimeSpan now) { if (!Holding) return; Holding = false; ReleasedAt = now; }
        public void OnPrepared(TimeSpan now) => PreparedAt ??= now;
    }
}

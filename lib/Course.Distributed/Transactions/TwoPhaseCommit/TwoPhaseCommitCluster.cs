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
    private readonly AccountLayout _layout;
    private readonly Dictionary<TransactionId, Track> _tracks = [];
    private long _nextTransaction = 1;

    /// <param name="participants">How many participants (at least 1, at most 26).</param>
    /// <param name="seed">The simulation's seed: the same seed gives the same run.</param>
    /// <param name="accountsPerParticipant">Accounts on each participant (1..26), named "n1/a", "n1/b", ….</param>
    /// <param name="initialBalance">Every account's balance at the start (not negative).</param>
    public TwoPhaseCommitCluster(int participants, int seed = 1, int accountsPerParticipant = 2, long initialBalance = 100,
        TwoPhaseCommitOptions? options = null, SimulationOptions? simulationOptions = null)
    {
        _layout = new AccountLayout(participants, accountsPerParticipant, initialBalance);
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
        Participants = [.. _layout.InitialBalances.Keys.Order().Select(n =>
            Simulation.AddNode(_ => new Participant(_layout.InitialBalances[n], Options, probe)))];
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
    public IReadOnlyDictionary<string, NodeId> Accounts => _layout.Owner;

    /// <summary>The sum of all balances at the start: what every settled run must still have.</summary>
    public long InitialTotal => _layout.InitialTotal;

    /// <summary>Transactions submitted so far, in order.</summary>
    public IReadOnlyList<TransactionId> Transactions => [.. _tracks.Keys.Order()];

    /// <summary>Moves <paramref name="amount"/> from one account to another: a debit and a credit, usually at two participants.</summary>
    public TransactionId Transfer(string from, string to, long amount) => Submit(_layout.Transfer(from, to, amount));

    /// <summary>
    /// Submits a transaction to the coordinator. Returns its id even when the coordinator is down: such a
    /// transaction never starts, and is (presumed) aborted.
    /// </summary>
    public TransactionId Submit(IReadOnlyList<BalanceChange> changes)
    {
        var work = _layout.WorkOf(changes);
        var id = new TransactionId(_nextTransaction++);
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

    private void CheckAccount(string account, string parameterName) => _layout.CheckAccount(account, parameterName);

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

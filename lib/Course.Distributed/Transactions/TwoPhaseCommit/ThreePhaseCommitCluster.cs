using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// Three-phase commit on the simulator, for contrast with <see cref="TwoPhaseCommitCluster"/>: the same bank
/// (participants n1..nN with accounts "n1/a", …), a <see cref="ThreePhaseCoordinator"/> at n0 that can be
/// crashed at a step and never comes back, partitions, and the same questions — what did each participant
/// decide, how long were locks held, was it atomic?
/// </summary>
public sealed class ThreePhaseCommitCluster
{
    private readonly AccountLayout _layout;
    private readonly List<(ThreePhaseCrashPoint Point, TransactionId? Transaction)> _armed = [];
    private readonly Dictionary<(TransactionId, NodeId), (TimeSpan From, TimeSpan? To)> _locks = [];
    private readonly Dictionary<TransactionId, IReadOnlyDictionary<NodeId, IReadOnlyList<BalanceChange>>> _work = [];
    private long _nextTransaction = 1;

    public ThreePhaseCommitCluster(int participants, int seed = 1, int accountsPerParticipant = 2, long initialBalance = 100,
        ThreePhaseCommitOptions? options = null, SimulationOptions? simulationOptions = null)
    {
        _layout = new AccountLayout(participants, accountsPerParticipant, initialBalance);
        Options = options ?? new ThreePhaseCommitOptions();
        Simulation = new Simulation<ThreePhaseCommitMessage>(seed, simulationOptions);
        Coordinator = Simulation.AddNode(_ => new ThreePhaseCoordinator(Options, OnCrashPoint));
        Participants = [.. _layout.InitialBalances.Keys.Order().Select(n =>
            Simulation.AddNode(_ => new ThreePhaseParticipant(_layout.InitialBalances[n], Options, OnLocks)))];
    }

    public Simulation<ThreePhaseCommitMessage> Simulation { get; }
    public ThreePhaseCommitOptions Options { get; }
    public TimeSpan Now => Simulation.Now;
    public NodeId Coordinator { get; }
    public IReadOnlyList<NodeId> Participants { get; }
    public IReadOnlyDictionary<string, NodeId> Accounts => _layout.Owner;
    public long InitialTotal => _layout.InitialTotal;

    /// <summary>When the coordinator crashed (null while it is up).</summary>
    public TimeSpan? CoordinatorCrashedAt { get; private set; }

    public TransactionId Transfer(string from, string to, long amount) => Submit(_layout.Transfer(from, to, amount));

    /// <summary>Starts 3PC for <paramref name="changes"/> (the coordinator must be up).</summary>
    public TransactionId Submit(IReadOnlyList<BalanceChange> changes)
    {
        var work = _layout.WorkOf(changes);
        if (!Simulation.IsUp(Coordinator)) throw new InvalidOperationException("The 3PC coordinator has crashed; this harness does not restart it.");
        var id = new TransactionId(_nextTransaction++);
        _work[id] = work;
        Simulation.Invoke<ThreePhaseCoordinator, int>(Coordinator, c => { c.Begin(id, work); return 0; });
        return id;
    }

    /// <summary>The coordinator crashes at <paramref name="point"/> (of <paramref name="transaction"/>, or the first to get there) and stays down.</summary>
    public void CrashAt(ThreePhaseCrashPoint point, TransactionId? transaction = null)
    {
        if (!Enum.IsDefined(point)) throw new ArgumentOutOfRangeException(nameof(point), point, "Not a 3PC crash point.");
        _armed.Add((point, transaction));
    }

    /// <summary>Splits the nodes into groups that cannot talk to each other; unnamed nodes are isolated.</summary>
    public void Partition(params IReadOnlyCollection<NodeId>[] groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var node in groups.SelectMany(g => g ?? throw new ArgumentNullException(nameof(groups)))) CheckNode(node, nameof(groups));
        Simulation.Partition(groups);
    }

    public void Heal() => Simulation.Heal();

    public void RunFor(TimeSpan duration) => Simulation.RunFor(duration);

    public bool RunUntil(Func<bool> condition, TimeSpan budget) => Simulation.RunUntil(condition, budget);

    public ThreePhaseState StateOf(TransactionId transaction, NodeId participant)
    {
        CheckNode(participant, nameof(participant));
        if (participant == Coordinator) throw new ArgumentException($"{participant} is the coordinator, not a participant.", nameof(participant));
        return Simulation.Node<ThreePhaseParticipant>(participant).StateOf(transaction);
    }

    /// <summary>The participants <paramref name="transaction"/> touches.</summary>
    public IReadOnlyList<NodeId> ParticipantsOf(TransactionId transaction) =>
        _work.TryGetValue(transaction, out var w) ? [.. w.Keys.Order()] : throw new ArgumentException($"Unknown transaction {transaction}.", nameof(transaction));

    /// <summary>Whether every participant of <paramref name="transaction"/> has committed or aborted.</summary>
    public bool AllDecided(TransactionId transaction) =>
        ParticipantsOf(transaction).All(p => StateOf(transaction, p) is ThreePhaseState.Committed or ThreePhaseState.Aborted);

    /// <summary>How long <paramref name="participant"/> held <paramref name="transaction"/>'s locks (until now if still held); null if it never locked.</summary>
    public TimeSpan? LockHeldFor(TransactionId transaction, NodeId participant) =>
        _locks.TryGetValue((transaction, participant), out var l) ? (l.To ?? Now) - l.From : null;

    public IReadOnlyDictionary<string, long> Balances()
    {
        var all = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var p in Participants)
            foreach (var (account, balance) in Simulation.Node<ThreePhaseParticipant>(p).Balances) all[account] = balance;
        return all;
    }

    /// <summary>Participants that decided differently, and — once everyone decided — money not conserved. Empty when atomic.</summary>
    public IReadOnlyList<string> AtomicityViolations()
    {
        var problems = new List<string>();
        foreach (var (id, work) in _work.OrderBy(w => w.Key))
        {
            var states = work.Keys.Order().Select(p => (Node: p, State: StateOf(id, p))).ToArray();
            var decided = states.Where(s => s.State is ThreePhaseState.Committed or ThreePhaseState.Aborted).GroupBy(s => s.State).ToArray();
            if (decided.Length > 1)
                problems.Add($"{id}: not atomic — " + string.Join("; ", decided.Select(g => $"{g.Key} at {string.Join(", ", g.Select(s => s.Node))}")));
        }
        if (_work.Keys.All(AllDecided) && Balances().Values.Sum() is var total && total != InitialTotal)
            problems.Add($"money is not conserved: the accounts hold {total}, they started with {InitialTotal}");
        return problems;
    }

    private bool OnCrashPoint(NodeId node, ThreePhaseCrashPoint point, TransactionId tx)
    {
        var i = _armed.FindIndex(a => a.Point == point && (a.Transaction is null || a.Transaction == tx));
        if (i < 0) return false;
        _armed.RemoveAt(i);
        Simulation.Crash(node);
        CoordinatorCrashedAt = Now;
        return true;
    }

    private void OnLocks(NodeId node, TransactionId tx, bool acquired)
    {
        if (acquired) _locks[(tx, node)] = (Now, null);
        else if (_locks.TryGetValue((tx, node), out var l)) _locks[(tx, node)] = (l.From, Now);
    }

    private NodeId CheckNode(NodeId node, string parameterName) =>
        node.Value >= 0 && node.Value <= Participants.Count
            ? node
            : throw new ArgumentException($"Unknown node {node}: this cluster has nodes n0..n{Participants.Count} (n0 is the coordinator).", parameterName);
}

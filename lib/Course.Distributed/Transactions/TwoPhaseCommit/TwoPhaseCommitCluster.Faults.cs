using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// Faults: crashes at protocol steps or at any moment, restarts, partitions and one-way link cuts, network
/// conditions. A crash at a step is fail-stop at exactly that step — the node does nothing more, its log
/// keeps what was forced — which is how the windows between "logged" and "sent" are reached on purpose.
/// </summary>
public sealed partial class TwoPhaseCommitCluster
{
    private readonly List<ArmedCrash> _armed = [];
    private readonly List<CrashRecord> _crashes = [];

    private sealed record ArmedCrash(CrashPoint Point, NodeId? Node, TransactionId? Transaction, TimeSpan? RestartAfter);

    /// <summary>Every crash so far, in order.</summary>
    public IReadOnlyList<CrashRecord> Crashes => _crashes;

    /// <summary>Crash points armed and not yet reached.</summary>
    public int ArmedCrashes => _armed.Count;

    /// <summary>
    /// Arms a one-shot crash: the first time <paramref name="node"/> (any node of the step's role if null)
    /// reaches <paramref name="point"/> for <paramref name="transaction"/> (any if null), it crashes there.
    /// With <paramref name="restartAfter"/> it restarts that much later; without, it stays down until
    /// <see cref="Restart"/>. E.g. <c>CrashAt(CrashPoint.CoordinatorAfterDecisionLogged)</c> is "crash the
    /// coordinator right after writing COMMIT but before sending it".
    /// </summary>
    public void CrashAt(CrashPoint point, NodeId? node = null, TransactionId? transaction = null, TimeSpan? restartAfter = null)
    {
        if (!Enum.IsDefined(point)) throw new ArgumentOutOfRangeException(nameof(point), point, "Not a crash point.");
        if (node is { } n)
        {
            CheckNode(n, nameof(node));
            if (point.IsCoordinatorStep() != (n == Coordinator))
                throw new ArgumentException($"{point} is a {(point.IsCoordinatorStep() ? "coordinator" : "participant")} step, and {n} is {(n == Coordinator ? "the coordinator" : "a participant")}.", nameof(node));
        }
        if (restartAfter is { } r && r < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(restartAfter), r, "restartAfter must not be negative.");
        _armed.Add(new ArmedCrash(point, node, transaction, restartAfter));
    }

    /// <summary>Crashes <paramref name="node"/> now (no-op if it is down): volatile state and locks are lost, the log stays.</summary>
    public void Crash(NodeId node) => CrashNow(CheckNode(node, nameof(node)), null, null);

    /// <summary>Restarts a crashed <paramref name="node"/>, which recovers from its log (no-op if it is up).</summary>
    public void Restart(NodeId node)
    {
        if (!Simulation.IsUp(CheckNode(node, nameof(node)))) Simulation.Restart(node);
    }

    public bool IsUp(NodeId node) => Simulation.IsUp(CheckNode(node, nameof(node)));

    /// <summary>Crashes <paramref name="node"/> now and restarts it after <paramref name="downtime"/>.</summary>
    public void CrashFor(NodeId node, TimeSpan downtime)
    {
        if (downtime < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(downtime), downtime, "downtime must not be negative.");
        Crash(node);
        Simulation.Schedule(downtime, () => Restart(node));
    }

    /// <summary>Splits the nodes into groups that cannot talk to each other; unnamed nodes are isolated.</summary>
    public void Partition(params IReadOnlyCollection<NodeId>[] groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var group in groups)
            foreach (var node in group ?? throw new ArgumentNullException(nameof(groups)))
                CheckNode(node, nameof(groups));
        Simulation.Partition(groups);
    }

    public void Disconnect(NodeId node) => Simulation.Disconnect(CheckNode(node, nameof(node)));
    public void Connect(NodeId node) => Simulation.Connect(CheckNode(node, nameof(node)));

    /// <summary>Messages from <paramref name="from"/> to <paramref name="to"/> are lost; the other direction works.</summary>
    public void BlockLink(NodeId from, NodeId to) => Simulation.BlockLink(CheckNode(from, nameof(from)), CheckNode(to, nameof(to)));

    /// <summary>Removes every partition and blocked link.</summary>
    public void Heal() => Simulation.Heal();

    /// <summary>The network's current conditions; assign to make it lossy or calm mid-run.</summary>
    public NetworkConditions Network
    {
        get => Simulation.Network;
        set => Simulation.Network = value ?? throw new ArgumentNullException(nameof(value));
    }

    private bool OnCrashPoint(NodeId node, CrashPoint point, TransactionId tx)
    {
        var armed = _armed.FirstOrDefault(a =>
            a.Point == point && (a.Node is null || a.Node == node) && (a.Transaction is null || a.Transaction == tx));
        if (armed is null) return false;
        _armed.Remove(armed);
        CrashNow(node, point, tx);
        if (armed.RestartAfter is { } delay) Simulation.Schedule(delay, () => Restart(node));
        return true;
    }

    private void CrashNow(NodeId node, CrashPoint? point, TransactionId? tx)
    {
        if (!Simulation.IsUp(node)) return;
        Simulation.Crash(node);
        _crashes.Add(new CrashRecord(Now, node, point, tx));
        foreach (var t in _tracks.Values) t.PartOrNull(node)?.Released(Now); // volatile locks die with the node
    }
}

using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>What became of one 3PC transaction after its coordinator crashed for good.</summary>
public sealed record ThreePhaseRun(
    ThreePhaseCrashPoint Point,
    bool Partitioned,
    ThreePhaseCommitCluster Cluster,
    TransactionId Transaction,
    TimeSpan CoordinatorCrashedAt,
    IReadOnlyDictionary<NodeId, ThreePhaseState> States,
    TimeSpan? AllDecidedAt,
    TimeSpan LongestLockHold,
    IReadOnlyList<string> Violations)
{
    /// <summary>Every participant decided although the coordinator never came back.</summary>
    public bool NonBlocking => AllDecidedAt is not null;

    public override string ToString() =>
        $"3PC, coordinator crashed {Point}{(Partitioned ? ", then {n0,n1} | {n2,n3}" : "")}: " +
        string.Join(", ", States.Select(s => $"{s.Key} {s.Value}")) +
        (AllDecidedAt is { } t ? $"; all decided {(t - CoordinatorCrashedAt).TotalMilliseconds:F0} ms after the crash" : "; not all decided") +
        $"; longest lock hold {LongestLockHold.TotalMilliseconds:F0} ms" + (Violations.Count == 0 ? "" : "; " + string.Join("; ", Violations));
}

/// <summary>
/// 3PC against 2PC's blocking case. Three participants, one transfer, the coordinator crashes at
/// <see cref="ThreePhaseCrashPoint"/> and never returns: the participants finish anyway (synchronous
/// model). With <c>partition</c>, the network splits {n0, n1} | {n2, n3} right after the crash; each side
/// takes the silence of the other for crashes, and with the PreCommit having reached n1 only, n1 commits
/// while n2 and n3 abort.
/// </summary>
public static class ThreePhaseCommitScenarios
{
    public static ThreePhaseRun CoordinatorCrash(ThreePhaseCrashPoint point, int seed = 1, bool partition = false)
    {
        if (!Enum.IsDefined(point)) throw new ArgumentOutOfRangeException(nameof(point), point, "Not a 3PC crash point.");
        var cluster = new ThreePhaseCommitCluster(3, seed);
        cluster.CrashAt(point);
        var tx = cluster.Submit([new("n1/a", -30), new("n2/a", 10), new("n3/a", 20)]);
        cluster.RunUntil(() => cluster.CoordinatorCrashedAt is not null, TimeSpan.FromSeconds(1));
        var crashedAt = cluster.Now;
        if (partition) cluster.Partition([0, 1], [2, 3]);
        var decided = cluster.RunUntil(() => cluster.AllDecided(tx), TimeSpan.FromSeconds(5));
        var decidedAt = decided ? cluster.Now : (TimeSpan?)null;
        cluster.RunFor(TimeSpan.FromMilliseconds(500));
        var states = cluster.ParticipantsOf(tx).ToDictionary(p => p, p => cluster.StateOf(tx, p));
        var hold = cluster.ParticipantsOf(tx).Select(p => cluster.LockHeldFor(tx, p) ?? TimeSpan.Zero).Max();
        return new ThreePhaseRun(point, partition, cluster, tx, crashedAt, states, decidedAt, hold, cluster.AtomicityViolations());
    }
}

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// A coordinator crash during one transaction: the transaction as it stood just before the coordinator came
/// back, and after recovery. <see cref="ResolvedWithoutCoordinator"/> is false exactly in the blocking case.
/// </summary>
public sealed record CoordinatorCrashRun(
    TerminationCase Case,
    TwoPhaseCommitCluster Cluster,
    TransactionId Transaction,
    TimeSpan CoordinatorCrashedAt,
    TimeSpan CoordinatorRestartedAt,
    TransactionReport WhileCoordinatorDown,
    TransactionReport Final,
    IReadOnlyList<string> Violations)
{
    public bool ResolvedWithoutCoordinator => WhileCoordinatorDown.Participants.All(p => p.State != ParticipantState.InDoubt);

    /// <summary>Participants that were in doubt (holding their locks) just before the coordinator restarted.</summary>
    public int InDoubtWhileCoordinatorDown => WhileCoordinatorDown.Participants.Count(p => p.State == ParticipantState.InDoubt);

    public override string ToString() =>
        $"{Case}: {(ResolvedWithoutCoordinator ? "resolved without the coordinator" : $"{InDoubtWhileCoordinatorDown} participants blocked in doubt")}; " +
        $"final: {Final}; longest lock hold {Final.LongestLockHold.TotalMilliseconds:F0} ms";
}

/// <summary>The broken participant's run: what went wrong, as the atomicity checker says.</summary>
public sealed record UnforcedPrepareRun(TwoPhaseCommitCluster Cluster, TransactionId Transaction, TransactionReport Final, IReadOnlyList<string> Violations);

/// <summary>One seeded run of random transfers, one crash at an enumerated protocol step plus random faults, then recovery.</summary>
public sealed record ChaosRun(
    int Seed,
    CrashPoint Point,
    bool PointReached,
    TwoPhaseCommitCluster Cluster,
    bool Settled,
    TimeSpan SettledAfter,
    IReadOnlyList<string> Violations)
{
    public bool Ok => Settled && Violations.Count == 0;

    public string Describe() =>
        $"seed {Seed} ({Cluster.Participants.Count} participants, crash at {Point}{(PointReached ? "" : " — not reached")}, network {Cluster.Network}): " +
        (Settled ? $"settled {SettledAfter.TotalMilliseconds:F0} ms after the faults stopped" : "did NOT settle") +
        (Violations.Count == 0 ? "" : "; " + string.Join("; ", Violations)) +
        $"\ncrashes: {string.Join(", ", Cluster.Crashes)}\n" +
        string.Join("\n", Cluster.Reports()) + "\n" + Cluster.Simulation.Trace.Tail(30);
}

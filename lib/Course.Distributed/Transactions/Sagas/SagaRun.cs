namespace Course.Distributed.Transactions.Sagas;

/// <summary>One scenario run: whether it settled, the audit of its end state, and the crash point it armed.</summary>
public sealed record SagaRun(
    int Seed,
    SagaCluster Cluster,
    bool Settled,
    TimeSpan SettledAfter,
    bool StayedSettled,
    SagaAudit Audit,
    SagaCrashPoint? Point)
{
    public bool PointReached => Point is not null && Cluster.Crashes.Any(c => c.Point == Point);

    public bool Ok => Settled && StayedSettled && Audit.Ok;

    public string Describe() =>
        $"seed {Seed}, {Cluster.Style}{(Point is null ? "" : $", crash {Point}{(PointReached ? "" : " (not reached)")}")}, network {Cluster.Network}, " +
        $"transient failures {Cluster.Options.TransientFailureProbability:P0}: " +
        (Settled ? $"settled {SettledAfter.TotalMilliseconds:F0} ms after the faults stopped" : "did NOT settle") +
        (Settled && !StayedSettled ? ", then UNSETTLED by late messages" : "") +
        $"\n{Cluster.Counters}\ncrashes: {string.Join(", ", Cluster.Crashes)}\n{Audit.Describe()}\n" +
        (Cluster.Style == SagaStyle.Orchestrated ? "saga log:\n  " + string.Join("\n  ", Cluster.SagaLog.TakeLast(30)) + "\n" : "") +
        Cluster.Simulation.Trace.Tail(30);
}

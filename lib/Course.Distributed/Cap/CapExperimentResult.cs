using System.Text;

namespace Course.Distributed.Cap;

/// <summary>Every store under the same workload and the same partitions, side by side.</summary>
public sealed record CapExperimentResult(
    CapExperimentOptions Options,
    PartitionSchedule Schedule,
    IReadOnlyList<WorkloadRequest> Requests,
    IReadOnlyList<CapSystemReport> Systems)
{
    public int Seed => Options.Seed;

    public CapSystemReport this[CapSystemKind system] =>
        Systems.FirstOrDefault(s => s.System == system)
        ?? throw new ArgumentException($"This experiment did not run {system}.", nameof(system));

    /// <summary>A small text table: one line per store.</summary>
    public string Summary()
    {
        var text = new StringBuilder($"seed {Seed}, {Options.Replicas} replicas, {Options.Clients} clients, {Requests.Count} requests; partitions: {Schedule}\n");
        text.AppendLine($"{"system",-24} {"available",10} {"stale reads",12} {"lost writes",12} {"sibling reads",14} {"linearizable",13} {"p50",8} {"p99",8}");
        foreach (var s in Systems)
            text.AppendLine(
                $"{s.Name,-24} {s.Availability,10:P1} {$"{s.StaleReads}/{s.Consistency.Reads}",12} {$"{s.LostWrites}/{s.Consistency.AcknowledgedWrites}",12} " +
                $"{s.SiblingReads,14} {s.Verdict,13} {s.Latency.P50.TotalMilliseconds,6:F1}ms {s.Latency.P99.TotalMilliseconds,6:F1}ms");
        return text.ToString();
    }

    public override string ToString() => Summary();
}

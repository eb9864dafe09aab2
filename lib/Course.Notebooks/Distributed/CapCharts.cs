using Course.Distributed.Cap;
using Plotly.NET;

namespace Course.Notebooks.Distributed;

/// <summary>Pictures of the CAP experiment: availability over time under partitions, and the scorecard.</summary>
public static class CapCharts
{
    /// <summary>
    /// Share of requests answered in each time bucket, one line per store; the bar at the top marks the
    /// partitions. During a partition the CP line drops (the minority side cannot reach a quorum) and the AP
    /// lines do not.
    /// </summary>
    public static GenericChart Availability(CapExperimentResult result, string title = "Requests answered over time")
    {
        var series = result.Systems.Select(s => Charts.Series.Of(
            s.Name,
            s.Timeline.Select(b => b.Start.TotalMilliseconds),
            s.Timeline.Select(b => b.Answered + b.Refused + b.TimedOut == 0 ? double.NaN : (double)b.Answered / (b.Answered + b.Refused + b.TimedOut)))).ToList();
        var first = result.Systems[0].Timeline;
        series.Add(Charts.Series.Of("partition on", first.Select(b => b.Start.TotalMilliseconds), first.Select(b => b.Partitioned ? 1.08 : double.NaN)));
        return Charts.Lines(title, "virtual time (ms)", "share answered", [.. series]);
    }

    /// <summary>One row per store: the numbers CAP trades against each other.</summary>
    public static Table Scorecard(CapExperimentResult result)
    {
        var table = new Table($"Same workload, same partitions (seed {result.Seed}, {result.Options.Replicas} replicas, {result.Requests.Count} requests)",
            "store", "available", "stale reads", "acknowledged writes lost", "reads with siblings", "linearizable?", "p50", "p99");
        foreach (var s in result.Systems)
            table.Add(s.Name, s.Availability.ToString("P1"), $"{s.StaleReads}/{s.Consistency.Reads}",
                $"{s.LostWrites}/{s.Consistency.AcknowledgedWrites}", s.SiblingReads, s.Verdict,
                $"{s.Latency.P50.TotalMilliseconds:F1} ms", $"{s.Latency.P99.TotalMilliseconds:F1} ms");
        return table;
    }
}

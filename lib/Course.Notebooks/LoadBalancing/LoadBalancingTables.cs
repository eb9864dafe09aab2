using Course.LoadBalancing.Cdn;
using Course.LoadBalancing.ECommerce;
using Course.LoadBalancing.L3;

namespace Course.Notebooks.LoadBalancing;

/// <summary>The week's library reports as tables.</summary>
public static class LoadBalancingTables
{
    /// <summary>One row per algorithm: the comparison the e-commerce simulation is for.</summary>
    public static Table ToTable(this IEnumerable<AlgorithmRun> runs, string caption = "Algorithms on the simulated shop (latency of successful requests)")
    {
        var table = new Table(caption, "algorithm", "requests", "ok/s", "p50 ms", "p95 ms", "p99 ms", "errors", "busiest server");
        foreach (var r in runs.Select(r => r.Row()))
            table.Add(r.Algorithm, r.Requests, r.ThroughputPerSecond.ToString("F0"), r.P50Ms.ToString("F1"), r.P95Ms.ToString("F1"), r.P99Ms.ToString("F1"),
                r.ErrorRate.ToString("P2"), r.MaxUtilisation.ToString("P0"));
        return table;
    }

    /// <summary>Per-server utilisation, one column per algorithm.</summary>
    public static Table UtilisationTable(this IReadOnlyList<AlgorithmRun> runs)
    {
        var table = new Table("Utilisation per server (busy workers / workers)", ["tier", "server", .. runs.Select(r => r.Algorithm)]);
        foreach (var s in runs[0].Servers)
            table.Add([s.Tier, s.Server, .. runs.Select(r => (object)r.Servers.Single(x => x.Server == s.Server).Utilisation.ToString("P0"))]);
        return table;
    }

    public static Table HealthEventsTable(this AlgorithmRun run, int max = 30)
    {
        var table = new Table($"Health events with {run.Algorithm} (seed {run.Seed})", "time s", "tier", "server", "event", "why");
        foreach (var (tier, e) in run.HealthEvents.Take(max)) table.Add(e.At.TotalSeconds.ToString("F2"), tier, e.Backend, e.Kind, e.Reason);
        return table;
    }

    public static Table CdnTable(this IEnumerable<(string Label, CdnRun Run)> runs, string caption = "CDN runs")
    {
        var table = new Table(caption, "set-up", "requests", "edge hit ratio", "origin fetches/s", "mean latency ms", "p95 ms", "stale answers");
        foreach (var (label, r) in runs)
            table.Add(label, r.Requests, r.EdgeHitRatio.ToString("P1"), r.OriginLoadPerSecond.ToString("F1"), r.MeanLatencyMs.ToString("F1"), r.P95LatencyMs.ToString("F0"), r.StaleFraction.ToString("P2"));
        return table;
    }

    public static Table EcmpTable(this IEnumerable<EcmpFailureReport> reports)
    {
        var table = new Table("One of four links fails", "hashing", "flows", "on the failed link", "others moved needlessly", "flows per link after");
        foreach (var r in reports)
            table.Add(r.Hashing, r.Flows, r.OnFailedLink, $"{r.MovedNeedlessly} ({r.NeedlessFraction:P1})", string.Join(" ", r.FlowsPerHopAfter.Select(p => $"{p.Key}={p.Value}")));
        return table;
    }
}

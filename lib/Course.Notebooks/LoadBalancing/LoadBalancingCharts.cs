using Course.LoadBalancing;
using Course.LoadBalancing.Cdn;
using Course.LoadBalancing.ECommerce;
using Course.LoadBalancing.Health;
using Course.LoadBalancing.L3;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace Course.Notebooks.LoadBalancing;

/// <summary>The week's charts: latency tails, utilisation, traffic share over time, health lanes, CDN timelines, the anycast map.</summary>
public static class LoadBalancingCharts
{
    private static readonly double[] Quantiles = [50, 60, 70, 80, 85, 90, 92.5, 95, 96, 97, 98, 98.5, 99, 99.3, 99.5, 99.7, 99.9];

    /// <summary>The tail, algorithm by algorithm: latency at each percentile (the classic P2C vs random vs least-connections plot).</summary>
    public static GenericChart LatencyPercentiles(IEnumerable<AlgorithmRun> runs, string title = "Latency by percentile (successful requests)") =>
        Charts.Lines(title, "percentile", "latency (ms)",
            runs.Select(r => Charts.Series.Of(r.Algorithm, Quantiles, Quantiles.Select(q => r.Percentile(q / 100)))).ToArray());

    /// <summary>Utilisation per server, grouped by algorithm.</summary>
    public static GenericChart Utilisation(IEnumerable<AlgorithmRun> runs, string title = "Utilisation per server")
    {
        var traces = runs.Select(r => CSharpChart.Column<double, string, string>(
            values: r.Servers.Select(s => s.Utilisation * 100).ToArray(), Keys: r.Servers.Select(s => s.Server).ToArray(), Name: r.Algorithm));
        return Charts.Style(CSharpChart.Combine(traces), title, "server", "busy (%)");
    }

    /// <summary>Requests per second sent to each server of one tier: ejections, health-check outages, slow start and avoidance of a slow server all show here.</summary>
    public static GenericChart TrafficShare(AlgorithmRun run, string tier, double bucketSeconds = 1)
    {
        var requests = run.Requests.Where(r => r.Tier == tier && r.Server is not null).ToArray();
        var buckets = (int)Math.Ceiling(run.Duration.TotalSeconds / bucketSeconds);
        var series = requests.Select(r => r.Server!).Distinct().Order().Select(server =>
        {
            var counts = new double[buckets];
            foreach (var r in requests.Where(r => r.Server == server))
                counts[Math.Min(buckets - 1, (int)(r.At.TotalSeconds / bucketSeconds))] += 1 / bucketSeconds;
            return Charts.Series.Of(server, Enumerable.Range(0, buckets).Select(i => i * bucketSeconds), counts);
        }).ToArray();
        return Charts.Lines($"{tier}: requests/s per server with {run.Algorithm} (seed {run.Seed})", "time (s)", "requests/s", series);
    }

    /// <summary>p99 latency per time bucket, one line per algorithm.</summary>
    public static GenericChart P99OverTime(IEnumerable<AlgorithmRun> runs, double bucketSeconds = 2) =>
        Charts.Lines("p99 latency over time", "time (s)", "p99 (ms)", runs.Select(run =>
        {
            var buckets = run.Requests.Where(r => r.Ok).GroupBy(r => (int)(r.At.TotalSeconds / bucketSeconds)).OrderBy(g => g.Key).ToArray();
            return Charts.Series.Of(run.Algorithm, buckets.Select(g => g.Key * bucketSeconds),
                buckets.Select(g => Quantile.NearestRank(g.Select(r => r.LatencyMs).Order().ToArray(), 0.99)));
        }).ToArray());

    /// <summary>Health lanes: when each server was down (active checks) or ejected (outlier detection).</summary>
    public static GenericChart HealthTimeline(AlgorithmRun run)
    {
        var end = run.Duration.TotalSeconds;
        var segments = new List<LaneSegment>();
        foreach (var server in run.Servers)
        {
            var events = run.HealthEvents.Where(e => e.Event.Backend == server.Server).Select(e => e.Event).ToArray();
            double? downSince = null, ejectedSince = null;
            foreach (var e in events)
                switch (e.Kind)
                {
                    case HealthEventKind.Down: downSince = e.At.TotalSeconds; break;
                    case HealthEventKind.Up when downSince is { } d: segments.Add(new(server.Server, d, e.At.TotalSeconds, "down (probes)", e.Reason)); downSince = null; break;
                    case HealthEventKind.Ejected: ejectedSince = e.At.TotalSeconds; break;
                    case HealthEventKind.Returned when ejectedSince is { } j: segments.Add(new(server.Server, j, e.At.TotalSeconds, "ejected (5xx)", e.Reason)); ejectedSince = null; break;
                }
            if (downSince is { } d2) segments.Add(new(server.Server, d2, end, "down (probes)"));
            if (ejectedSince is { } j2) segments.Add(new(server.Server, j2, end, "ejected (5xx)"));
            segments.Add(new(server.Server, 0, 0, "in service"));   // every server gets a lane, even one never out
        }
        return Charts.Lanes($"Out of rotation with {run.Algorithm} (seed {run.Seed})", "time (s)", segments,
            new Dictionary<string, string> { ["down (probes)"] = "#d62728", ["ejected (5xx)"] = "#ff7f0e", ["in service"] = "#2ca02c" });
    }

    /// <summary>Edge hit ratio per timeline bucket, one line per run.</summary>
    public static GenericChart HitRatioTimeline(IEnumerable<(string Label, CdnRun Run)> runs, string title = "Edge hit ratio over time") =>
        Charts.Lines(title, "time (s)", "edge hit ratio (%)",
            runs.Select(p => Charts.Series.Of(p.Label, p.Run.Timeline.Select(b => b.Start.TotalSeconds), p.Run.Timeline.Select(b => b.HitRatio * 100))).ToArray());

    /// <summary>The anycast map: clients coloured by the site BGP sends them to (before or after the failure), sites as stars.</summary>
    public static GenericChart AnycastMap(AnycastReport report, IReadOnlyList<AnycastSite> sites, bool afterFailure)
    {
        var traces = report.Clients.GroupBy(c => afterFailure ? c.SiteAfter : c.SiteBefore).OrderBy(g => g.Key).Select(g =>
            CSharpChart.Point<double, double, string>(x: g.Select(c => c.X).ToArray(), y: g.Select(c => c.Y).ToArray(), Name: $"clients → {g.Key}", Opacity: 0.6)).ToList();
        var live = sites.Where(s => !afterFailure || s.Name != report.FailedSite).ToArray();
        traces.Add(CSharpChart.Point<double, double, string>(x: live.Select(s => s.X).ToArray(), y: live.Select(s => s.Y).ToArray(), Name: "sites",
            MultiText: live.Select(s => s.Name).ToArray(), MarkerColor: Color.fromString("black"), MarkerSymbol: StyleParam.MarkerSymbol.Star));
        var title = afterFailure ? $"After {report.FailedSite} withdraws its route: {report.Moved} clients moved" : "Anycast: each client reaches the site with the best route";
        return Charts.Style(CSharpChart.Combine(traces), title, "x (ms)", "y (ms)").WithSize(720, 520);
    }
}

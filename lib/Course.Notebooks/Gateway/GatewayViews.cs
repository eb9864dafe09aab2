using Course.Gateway;
using Course.Gateway.Api;
using Course.Gateway.Probing;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace Course.Notebooks.Gateway;

/// <summary>Tables and charts for the gateways notebook: live request tables, policy side by side, limiter and circuit timelines.</summary>
public static class GatewayViews
{
    /// <summary>One row per request: which backend served it, the status, the latency the client saw.</summary>
    public static Table Requests(IEnumerable<ProbeResult> results, string caption)
    {
        var table = new Table(caption, "#", "served by", "status", "latency (ms)");
        foreach (var r in results) table.Add(r.Index + 1, r.Backend ?? "—", r.Status == 0 ? "no answer" : r.Status, r.Latency.TotalMilliseconds.ToString("F1"));
        return table;
    }

    /// <summary>Requests per backend on one line, e.g. "a: 15, c: 15".</summary>
    public static string Served(IEnumerable<ProbeResult> results) =>
        string.Join(", ", LoadProbe.CountByBackend(results).Select(p => $"{p.Key}: {p.Value}"));

    /// <summary>What the gateway believes about each destination of a cluster.</summary>
    public static Table Destinations(L7Gateway gateway, string cluster)
    {
        var table = new Table($"cluster '{cluster}' as the gateway sees it", "destination", "active (probe)", "passive (traffic)", "takes traffic");
        foreach (var d in gateway.Destinations(cluster)) table.Add(d.Id, d.Active, d.Passive, d.TakesTraffic ? "yes" : "NO");
        return table;
    }

    /// <summary>Policies side by side: requests per backend and latency percentiles.</summary>
    public static Table Comparison(IReadOnlyList<PolicyRun> runs, string caption)
    {
        var backends = runs.SelectMany(r => r.Served.Keys).Distinct().ToArray();
        var table = new Table(caption, ["policy", .. backends.Select(b => $"→ {b}"), "p50 (ms)", "p95 (ms)", "max (ms)", "errors"]);
        foreach (var run in runs)
            table.Add([run.Policy, .. backends.Select(b => (object)run.Served.GetValueOrDefault(b)), run.P50Ms.ToString("F1"), run.P95Ms.ToString("F1"), run.MaxMs.ToString("F1"), run.Errors]);
        return table;
    }

    /// <summary>Grouped bars: for each policy, how many requests each backend served.</summary>
    public static GenericChart ComparisonChart(IReadOnlyList<PolicyRun> runs, string title)
    {
        var backends = runs.SelectMany(r => r.Served.Keys).Distinct().ToArray();
        var traces = backends.Select(b => CSharpChart.Column<int, string, string>(
            values: runs.Select(r => r.Served.GetValueOrDefault(b)).ToArray(), Keys: runs.Select(r => r.Policy).ToArray(), Name: b));
        return Charts.Style(CSharpChart.Combine(traces), title, "policy", "requests served");
    }

    /// <summary>The rate limiter's verdicts over time: one row per client, green accepted, red rejected.</summary>
    public static GenericChart RateLimitTimeline(IEnumerable<RateLimitEvent> events, string title)
    {
        var all = events.ToArray();
        if (all.Length == 0) throw new ArgumentException("no rate-limit events to draw (did requests reach the gateway?)", nameof(events));
        GenericChart Trace(bool accepted, string color) => CSharpChart.Point<double, string, string>(
            x: all.Where(e => e.Accepted == accepted).Select(e => e.At.TotalSeconds).ToArray(),
            y: all.Where(e => e.Accepted == accepted).Select(e => e.Client).ToArray(),
            Name: accepted ? "accepted" : "rejected (429)", MarkerColor: Color.fromString(color));
        return Charts.Style(CSharpChart.Combine([Trace(true, "#2e7d32"), Trace(false, "#c62828")]), title, "seconds since the gateway started", "client")
            .WithSize(860, 160 + 40 * all.Select(e => e.Client).Distinct().Count());
    }

    /// <summary>A circuit's states over time as one lane (closed green, open red, half-open amber).</summary>
    public static GenericChart CircuitTimeline(CircuitMonitor circuit, TimeSpan until, string title)
    {
        var timeline = circuit.Timeline;
        var segments = timeline.Select((t, i) => new LaneSegment($"circuit '{circuit.Name}'", t.At.TotalSeconds,
            (i + 1 < timeline.Count ? timeline[i + 1].At : until).TotalSeconds, t.State.ToString(), t.State.ToString()));
        return Charts.Lanes(title, "seconds since the gateway started", segments,
            new Dictionary<string, string> { ["Closed"] = "#2e7d32", ["Open"] = "#c62828", ["HalfOpen"] = "#f9a825" });
    }
}

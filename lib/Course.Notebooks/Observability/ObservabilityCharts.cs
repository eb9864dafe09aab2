using Course.Observability.Metrics;
using Course.Observability.Tracing;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace Course.Notebooks.Observability;

/// <summary>The pictures of observability: a trace waterfall, the service map, and PromQL answers over time.</summary>
public static class ObservabilityCharts
{
    private static readonly string[] Palette = ["#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037", "#ad1457"];

    /// <summary>
    /// The trace waterfall (as in Jaeger): one row per span, indented under its parent, a bar from its start to its end,
    /// coloured by service; failed spans in red. Hover shows the span's self time — where the time really went.
    /// </summary>
    public static GenericChart Waterfall(TraceTree trace, string? title = null)
    {
        var rows = trace.Waterfall();
        var services = trace.Services.Order(StringComparer.Ordinal).ToList();
        var colors = services.Select((s, i) => (s, Palette[i % Palette.Length])).ToDictionary(p => p.s, p => p.Item2);
        colors["error"] = "#c62828";
        // Lane names must be unique: number them, and list them last-first so the root sits at the top of the chart.
        var segments = rows.Select((r, i) => new LaneSegment(
                $"{i + 1,2}. {r.Label}",
                r.Offset.TotalMilliseconds,
                (r.Offset + r.Span.Duration).TotalMilliseconds,
                r.Span.IsError ? "error" : r.Span.Service,
                $"{r.Span.Service}: {r.Span.Name} — {r.Span.Duration.TotalMilliseconds:0.0} ms (self {trace.SelfTime(r.Span).TotalMilliseconds:0.0} ms)"))
            .ToList();
        var chart = Charts.Lanes(title ?? $"Trace {trace.TraceId[..8]}…: {rows.Count} spans, {trace.Duration.TotalMilliseconds:0.0} ms",
            "ms since the trace started", segments, colors);
        return chart.WithYAxisStyle<double, double, string>(TitleText: "", CategoryOrder: StyleParam.CategoryOrder.Array,
            CategoryArray: segments.Select(s => s.Lane).Reverse().ToArray());
    }

    /// <summary>The service map: services on a circle, an arrow-ish line per caller → callee, labelled with calls and errors.</summary>
    public static GenericChart ServiceMapChart(IReadOnlyList<ServiceEdge> edges, string title = "Service map (from spans)")
    {
        if (edges.Count == 0) throw new ArgumentException("No cross-service calls were recorded: send a request first.", nameof(edges));
        var services = edges.SelectMany(e => new[] { e.From, e.To }).Distinct().ToList();
        // Callers first, so the picture reads left to right roughly in call order.
        services = services.OrderBy(s => edges.Any(e => e.To == s) ? 1 : 0).ThenBy(s => s, StringComparer.Ordinal).ToList();
        var position = services.Select((s, i) =>
        {
            var angle = Math.PI - 2 * Math.PI * i / services.Count;
            return (s, X: Math.Cos(angle), Y: Math.Sin(angle));
        }).ToDictionary(p => p.s, p => (p.X, p.Y));

        var traces = new List<GenericChart>();
        foreach (var e in edges)
        {
            var (x1, y1) = position[e.From];
            var (x2, y2) = position[e.To];
            // Stop short of the callee so the line ends in front of its marker, like an arrow head.
            var (xe, ye) = (x1 + 0.85 * (x2 - x1), y1 + 0.85 * (y2 - y1));
            traces.Add(CSharpChart.Line<double, double, string>(x: [x1, xe], y: [y1, ye], ShowLegend: false, ShowMarkers: true,
                LineColor: Color.fromString(e.Errors > 0 ? "#c62828" : "#90a4ae"), LineWidth: 1 + Math.Min(6, Math.Log2(1 + e.Calls))));
            traces.Add(CSharpChart.Scatter<double, double, string>(x: [(x1 + xe) / 2], y: [(y1 + ye) / 2], mode: StyleParam.Mode.Text,
                ShowLegend: false, MultiText: new[] { $"{e.Calls} calls" + (e.Errors > 0 ? $", {e.Errors} errors" : "") + $", {e.MeanDuration.TotalMilliseconds:0.#} ms" }));
        }
        traces.Add(CSharpChart.Scatter<double, double, string>(x: services.Select(s => position[s].X).ToArray(), y: services.Select(s => position[s].Y).ToArray(),
            mode: StyleParam.Mode.Markers_Text, Name: "services", MultiText: services.ToArray(), MarkerColor: Color.fromString("#1565c0")));
        return Charts.Style(CSharpChart.Combine(traces), title, "", "").WithSize(640, 520);
    }

    /// <summary>A range query's answer as lines over time (seconds from the first point), one per series, named by <paramref name="label"/>.</summary>
    public static GenericChart Prometheus(IReadOnlyList<PromSeries> series, string title, string yTitle, string label = "service")
    {
        if (series.Count == 0) throw new ArgumentException("The query returned no series: has Prometheus scraped yet? (check PrometheusServer.TargetsAsync())", nameof(series));
        var origin = series.SelectMany(s => s.Points).Min(p => p.Time);
        return Charts.Lines(title, "seconds", yTitle, series.Select(s => Charts.Series.Of(
            s.Label(label) is { Length: > 0 } name ? name : string.Join(",", s.Labels.Select(l => $"{l.Key}={l.Value}")),
            s.Points.Select(p => (p.Time - origin).TotalSeconds),
            s.Points.Select(p => double.IsNaN(p.Value) ? 0 : p.Value))).ToArray());
    }
}

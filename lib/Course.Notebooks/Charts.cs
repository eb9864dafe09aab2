using Microsoft.FSharp.Core;
using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;
using Plotly.NET.CSharp;

namespace Course.Notebooks;

/// <summary>
/// The chart helpers every week uses (one place, not copy-pasted per notebook). They return Plotly.NET
/// charts, which the bootstrap's formatter draws offline.
/// </summary>
public static class Charts
{
    /// <summary>A named series of (x, y) points for <see cref="Lines"/>.</summary>
    public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
    {
        public static Series Of(string name, IEnumerable<double> x, IEnumerable<double> y)
        {
            var xs = x.ToArray();
            var ys = y.ToArray();
            if (xs.Length != ys.Length)
                throw new ArgumentException($"Series '{name}' has {xs.Length} x values but {ys.Length} y values.", nameof(y));
            return new Series(name, xs, ys);
        }
    }

    /// <summary>
    /// A step series: the value holds until the next change (terms, commit indices, queue lengths). Plotly
    /// would draw straight lines between changes, which suggests values in between that never existed.
    /// </summary>
    public static Series Steps(string name, IReadOnlyList<(double X, double Y)> changes, double? until = null)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < changes.Count; i++)
        {
            if (i > 0) { xs.Add(changes[i].X); ys.Add(changes[i - 1].Y); }
            xs.Add(changes[i].X);
            ys.Add(changes[i].Y);
        }
        if (until is { } end && changes.Count > 0 && end > changes[^1].X) { xs.Add(end); ys.Add(changes[^1].Y); }
        return new Series(name, xs, ys);
    }

    /// <summary>One or more line series on shared axes.</summary>
    public static GenericChart Lines(string title, string xTitle, string yTitle, params Series[] series)
    {
        if (series.Length == 0) throw new ArgumentException("Give at least one series.", nameof(series));
        var traces = series.Select(s => CSharpChart.Line<double, double, string>(x: s.X, y: s.Y, Name: s.Name, ShowMarkers: s.X.Count <= 50));
        return Style(CSharpChart.Combine(traces), title, xTitle, yTitle);
    }

    /// <summary>A single line.</summary>
    public static GenericChart Line(IEnumerable<double> x, IEnumerable<double> y, string title, string xTitle, string yTitle) =>
        Lines(title, xTitle, yTitle, Series.Of(yTitle, x, y));

    /// <summary>Bars, one per category.</summary>
    public static GenericChart Bars(IEnumerable<string> categories, IEnumerable<double> values, string title, string yTitle)
    {
        var keys = categories.ToArray();
        var vals = values.ToArray();
        if (keys.Length != vals.Length)
            throw new ArgumentException($"{keys.Length} categories but {vals.Length} values.", nameof(values));
        return Style(CSharpChart.Column<double, string, string>(values: vals, Keys: keys), title, "", yTitle);
    }

    /// <summary>Points, e.g. a dataset before a model is fitted to it.</summary>
    public static GenericChart Scatter(IEnumerable<double> x, IEnumerable<double> y, string title, string xTitle, string yTitle) =>
        Style(CSharpChart.Point<double, double, string>(x: x.ToArray(), y: y.ToArray()), title, xTitle, yTitle);

    /// <summary>
    /// A timeline: one horizontal lane per <see cref="LaneSegment.Lane"/>, thick bars coloured by category
    /// (Raft roles per node, operations per client, outages per server). Hover shows each bar's label.
    /// </summary>
    public static GenericChart Lanes(string title, string xTitle, IEnumerable<LaneSegment> segments, IReadOnlyDictionary<string, string>? colors = null)
    {
        var all = segments.ToArray();
        if (all.Length == 0) throw new ArgumentException("Give at least one segment.", nameof(segments));
        var laneOrder = all.Select(s => s.Lane).Distinct().ToArray();
        var traces = all.GroupBy(s => s.Category).Select(group =>
        {
            // One trace per category; NaN / null between bars breaks the line into separate bars.
            var xs = new List<double>();
            var ys = new List<string>();
            var labels = new List<string>();
            foreach (var s in group)
            {
                xs.AddRange([s.Start, s.End, double.NaN]);
                ys.AddRange([s.Lane, s.Lane, null!]); // null: a gap in the line
                labels.AddRange([s.Label, s.Label, ""]);
            }
            var color = colors is not null && colors.TryGetValue(group.Key, out var c) ? c : null;
            return color is null
                ? CSharpChart.Line<double, string, string>(x: xs, y: ys, Name: group.Key, LineWidth: 14, MultiText: labels)
                : CSharpChart.Line<double, string, string>(x: xs, y: ys, Name: group.Key, LineWidth: 14, MultiText: labels, LineColor: Color.fromString(color));
        });
        var chart = Style(CSharpChart.Combine(traces), title, xTitle, "");
        return chart.WithSize(860, 140 + 36 * laneOrder.Length);
    }

    /// <summary>
    /// A message-sequence chart: one vertical lifeline per lane, time running down, one arrow per message from its
    /// sender at the send time to its receiver at the delivery time; lost messages stop half-way, in red.
    /// </summary>
    public static GenericChart MessageSequence(string title, IReadOnlyList<string> lanes, IEnumerable<SequenceMessage> messages)
    {
        var all = messages.ToArray();
        if (lanes.Count == 0) throw new ArgumentException("Give at least one lane.", nameof(lanes));
        var column = lanes.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => (double)p.i);
        foreach (var m in all)
            if (!column.ContainsKey(m.From) || !column.ContainsKey(m.To))
                throw new ArgumentException($"Message '{m.Label}' goes {m.From} → {m.To}, but the lanes are {string.Join(", ", lanes)}.", nameof(messages));
        var end = all.Select(m => m.Delivered ?? m.Sent).DefaultIfEmpty(1).Max() * 1.05 + 1;

        GenericChart Segments(string name, IEnumerable<(double X1, double Y1, double X2, double Y2)> segs, string color, bool markers)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (var (x1, y1, x2, y2) in segs) { xs.AddRange([x1, x2, double.NaN]); ys.AddRange([y1, y2, double.NaN]); }
            return CSharpChart.Line<double, double, string>(x: xs, y: ys, Name: name, ShowMarkers: markers, LineColor: Color.fromString(color));
        }

        var lifelines = Segments("lifelines", lanes.Select((_, i) => ((double)i, 0.0, (double)i, end)), "#b0bec5", false);
        var delivered = Segments("delivered", all.Where(m => m.Delivered is not null)
            .Select(m => (column[m.From], m.Sent, column[m.To], m.Delivered!.Value)), "#1565c0", true);
        var lost = Segments("lost", all.Where(m => m.Delivered is null)
            .Select(m => (column[m.From], m.Sent, (column[m.From] + column[m.To]) / 2, m.Sent + 1)), "#c62828", true);
        var labels = CSharpChart.Scatter<double, double, string>(
            x: all.Select(m => (column[m.From] + column[m.To]) / 2 + 0.02),
            y: all.Select(m => ((m.Delivered ?? m.Sent + 1) + m.Sent) / 2),
            mode: StyleParam.Mode.Text, Name: "messages", MultiText: all.Select(m => m.Label).ToArray());
        var heads = CSharpChart.Scatter<double, double, string>(
            x: lanes.Select((_, i) => (double)i), y: lanes.Select(_ => -end * 0.04), mode: StyleParam.Mode.Text, Name: "lanes", MultiText: lanes.ToArray());
        var chart = CSharpChart.Combine([lifelines, delivered, lost, labels, heads]);
        var titled = Plotly.NET.Chart.withTitle(title, FSharpOption<Font>.None).Invoke(chart);
        return titled
            .WithXAxisStyle<double, double, string>(TitleText: "", MinMax: Tuple.Create(-0.5, lanes.Count - 0.5), ShowGrid: false)
            .WithYAxisStyle<double, double, string>(TitleText: "virtual time (ms), running down", MinMax: Tuple.Create(end, -end * 0.08))
            .WithSize(860, 620);
    }

    // Plotly.NET 6's title helpers are F#-typed (FSharpOption), so they stay in here, out of notebook cells.
    internal static GenericChart Style(GenericChart chart, string title, string xTitle, string yTitle)
    {
        var titled = Plotly.NET.Chart.withTitle(title, FSharpOption<Font>.None).Invoke(chart);
        return titled
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle)
            .WithSize(720, 420);
    }
}

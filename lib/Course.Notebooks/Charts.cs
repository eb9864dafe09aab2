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

    // Plotly.NET 6's title helpers are F#-typed (FSharpOption), so they stay in here, out of notebook cells.
    private static GenericChart Style(GenericChart chart, string title, string xTitle, string yTitle)
    {
        var titled = Plotly.NET.Chart.withTitle(title, FSharpOption<Font>.None).Invoke(chart);
        return titled
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle)
            .WithSize(720, 420);
    }
}

using Course.Distributed.Hashing;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace Course.Notebooks.Distributed;

/// <summary>The consistent-hash ring drawn as a circle: virtual nodes as big dots, keys as small dots, one colour per server.</summary>
public static class HashingCharts
{
    public static GenericChart Ring(RingDiagram diagram, string title = "The ring: virtual nodes (large) and keys (small), coloured by owner")
    {
        static double X(double p) => Math.Sin(2 * Math.PI * p);
        static double Y(double p) => Math.Cos(2 * Math.PI * p);
        var nodes = diagram.Points.Select(p => p.Node).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToArray();
        var palette = new[] { "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf" };
        var traces = new List<GenericChart>();
        for (var i = 0; i < nodes.Length; i++)
        {
            var color = Color.fromString(palette[i % palette.Length]);
            var keys = diagram.Keys.Where(k => k.Owner == nodes[i]).ToArray();
            if (keys.Length > 0)
                traces.Add(CSharpChart.Point<double, double, string>(x: keys.Select(k => 0.9 * X(k.Position)).ToArray(), y: keys.Select(k => 0.9 * Y(k.Position)).ToArray(),
                    Name: $"keys of {nodes[i]}", MarkerColor: color, Opacity: 0.5));
            var points = diagram.Points.Where(p => p.Node == nodes[i]).ToArray();
            traces.Add(CSharpChart.Bubble<double, double, string>(x: points.Select(p => X(p.Position)).ToArray(), y: points.Select(p => Y(p.Position)).ToArray(),
                sizes: points.Select(_ => 12).ToArray(), Name: nodes[i], MarkerColor: color, MultiText: points.Select(p => $"{p.Node} #{p.Replica}").ToArray()));
        }
        return Charts.Style(CSharpChart.Combine(traces), title, "", "").WithSize(720, 640);
    }
}

using Course.MachineLearning;
using Course.MachineLearning.Data;
using Course.MachineLearning.Regression;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace Course.Notebooks.MachineLearning;

/// <summary>The machine-learning weeks' pictures: loss curves, decision boundaries, confusion matrices, digits, loss surfaces.</summary>
public static class MlCharts
{
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>One loss curve per run, against epoch.</summary>
    public static GenericChart LossCurves(string title, params (string Name, IReadOnlyList<double> Loss)[] runs) =>
        Charts.Lines(title, "epoch", "loss", runs.Select(r => Charts.Series.Of(r.Name, Enumerable.Range(1, r.Loss.Count).Select(e => (double)e), r.Loss)).ToArray());

    /// <summary>Points coloured by class (or by cluster, for unsupervised pictures).</summary>
    public static GenericChart Classes(Matrix points, IReadOnlyList<int> labels, string title, string legendPrefix = "class")
    {
        if (points.Cols < 2) throw new ArgumentException("Need at least two columns to plot.", nameof(points));
        return Charts.Style(CSharpChart.Combine(ClassTraces(points, labels, legendPrefix)), title, "x₁", "x₂").WithSize(560, 480);
    }

    /// <summary>
    /// The decision regions of a 2-D classifier: its predicted class on a grid (colour = class, shade = confidence),
    /// with the data on top.
    /// </summary>
    public static GenericChart DecisionBoundary(ClassificationData data, Func<Matrix, Matrix> probabilities, string title, int resolution = 60)
    {
        if (data.Features.Cols != 2) throw new ArgumentException("A decision boundary plot needs 2-D data.", nameof(data));
        var (xs, ys) = (Range(data.Features.Column(0), resolution), Range(data.Features.Column(1), resolution));
        var grid = new Matrix(resolution * resolution, 2);
        for (var r = 0; r < resolution; r++)
            for (var c = 0; c < resolution; c++) (grid[r * resolution + c, 0], grid[r * resolution + c, 1]) = (xs[c], ys[r]);
        var p = probabilities(grid);
        // z = predicted class + its confidence mapped into [class, class + 1): one colour band per class.
        var z = Enumerable.Range(0, resolution).Select(r => Enumerable.Range(0, resolution).Select(c =>
        {
            var row = p.RowReadOnly(r * resolution + c);
            var k = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(row);
            return k + 0.999 * (row[k] - 1.0 / data.Classes) / (1 - 1.0 / data.Classes);
        }).ToArray()).ToArray();
        var scale = StyleParam.Colorscale.NewCustom(Enumerable.Range(0, data.Classes).SelectMany(k => new[]
        {
            Tuple.Create(k / (double)data.Classes, Color.fromString("#ffffff")),
            Tuple.Create((k + 0.999) / data.Classes, Color.fromString(Palette[k % Palette.Length])),
        }));
        var heat = CSharpChart.Heatmap<double, double, double, string>(zData: z, X: xs, Y: ys, ColorScale: scale, ShowScale: false, Opacity: 0.45, Name: "regions");
        return Charts.Style(CSharpChart.Combine([heat, .. ClassTraces(data.Features, data.Labels, "class")]), title, "x₁", "x₂").WithSize(560, 480);
    }

    /// <summary>Truth down the side, prediction across the top, counts in the cells (the diagonal is right).</summary>
    public static GenericChart ConfusionMatrix(IReadOnlyList<int> actual, IReadOnlyList<int> predicted, int classes, string title)
    {
        var counts = Metrics.ConfusionMatrix(actual.ToArray(), predicted.ToArray(), classes);
        var z = Enumerable.Range(0, classes).Select(a => Enumerable.Range(0, classes).Select(p => (double)counts[a, p]).ToArray()).ToArray();
        var text = z.Select(row => row.Select(v => v.ToString("0")).ToArray()).ToArray();
        var names = Enumerable.Range(0, classes).Select(k => k.ToString()).ToArray();
        var chart = CSharpChart.AnnotatedHeatmap<double, string, string, string>(zData: z, annotationText: text, X: names, Y: names, ColorScale: StyleParam.Colorscale.Viridis, ReverseYAxis: true);
        return Charts.Style(chart, title, "predicted", "actual").WithSize(560, 520);
    }

    /// <summary>8×8 digit images in a grid, each titled (e.g. "true 3 → predicted 8").</summary>
    public static GenericChart DigitGrid(Matrix pixels, IReadOnlyList<int> rows, IReadOnlyList<string> captions, int columns = 6)
    {
        if (rows.Count == 0) throw new ArgumentException("No digits to show.", nameof(rows));
        if (captions.Count != rows.Count) throw new ArgumentException($"{rows.Count} digits but {captions.Count} captions.", nameof(captions));
        var panels = rows.Select(i => CSharpChart.Heatmap<double, int, int, string>(
            zData: Enumerable.Range(0, 8).Select(r => Enumerable.Range(0, 8).Select(c => pixels[i, r * 8 + c]).ToArray()).ToArray(),
            ColorScale: StyleParam.Colorscale.Greys, ReverseScale: true, ShowScale: false, ReverseYAxis: true)).ToArray();
        var gridRows = (rows.Count + columns - 1) / columns;
        var grid = CSharpChart.Grid(panels, gridRows, columns, SubPlotTitles: captions.ToArray());
        return Plotly.NET.Chart.withTitle($"{rows.Count} digits", Microsoft.FSharp.Core.FSharpOption<Font>.None).Invoke(grid).WithSize(130 * columns, 150 * gridRows + 60);
    }

    /// <summary>Loss per epoch for several learning rates; a diverged run is marked in its legend.</summary>
    public static GenericChart LearningRateSweep(string title, IEnumerable<(double Rate, IReadOnlyList<double> Loss, bool Diverged)> runs) =>
        LossCurves(title, runs.Select(r => ($"η = {r.Rate:G3}{(r.Diverged ? " (diverged)" : "")}", (IReadOnlyList<double>)r.Loss.Select(v => Math.Min(v, 1e3)).ToArray())).ToArray());

    /// <summary>
    /// Gradient descent on the loss surface J(w, b) of a one-feature regression: contour lines of J, and the path of
    /// (w, b) after each step. <paramref name="steps"/> limits the path (draw several to show it as frames).
    /// </summary>
    public static GenericChart DescentPath(RegressionData data, IReadOnlyList<double[]> path, string title, int? steps = null, int resolution = 60)
    {
        if (data.Features.Cols != 1) throw new ArgumentException("The loss surface is drawn for one feature (w, b).", nameof(data));
        var shown = path.Take((steps ?? path.Count - 1) + 1).ToArray();
        var optimum = NormalEquations.Fit(data.Features, data.Targets);
        var ws = Range([.. path.Select(p => p[0]), optimum.Weights[0]], resolution, margin: 0.3);
        var bs = Range([.. path.Select(p => p[1]), optimum.Bias], resolution, margin: 0.3);
        var z = bs.Select(b => ws.Select(w => Math.Log10(GradientDescent.Loss(data.Features, data.Targets, [w], b, 0))).ToArray()).ToArray();
        var contour = CSharpChart.Contour<double, double, double, string>(zData: z, X: ws, Y: bs, ColorScale: StyleParam.Colorscale.Viridis, ShowScale: false, Opacity: 0.8, Name: "log₁₀ J");
        var line = CSharpChart.Line<double, double, string>(x: shown.Select(p => p[0]), y: shown.Select(p => p[1]), Name: $"path ({shown.Length - 1} steps)", ShowMarkers: true, LineColor: Color.fromString("#d62728"));
        var best = CSharpChart.Point<double, double, string>(x: [optimum.Weights[0]], y: [optimum.Bias], Name: "least squares", MarkerColor: Color.fromString("#ffffff"));
        return Charts.Style(CSharpChart.Combine([contour, line, best]), title, "w", "b").WithSize(560, 480);
    }

    private static IEnumerable<GenericChart> ClassTraces(Matrix points, IReadOnlyList<int> labels, string prefix) =>
        labels.Distinct().Order().Select(k =>
        {
            var idx = Enumerable.Range(0, points.Rows).Where(i => labels[i] == k).ToArray();
            return CSharpChart.Point<double, double, string>(x: idx.Select(i => points[i, 0]), y: idx.Select(i => points[i, 1]),
                Name: $"{prefix} {k}", MarkerColor: Color.fromString(Palette[k % Palette.Length]));
        });

    private static double[] Range(double[] values, int count, double margin = 0.1)
    {
        var (lo, hi) = (values.Min(), values.Max());
        var pad = (hi - lo) * margin + 1e-9;
        return Enumerable.Range(0, count).Select(i => lo - pad + (hi - lo + 2 * pad) * i / (count - 1)).ToArray();
    }
}

using Course.MachineLearning.Data;

namespace Course.MachineLearning.Network;

/// <summary>The worst disagreement between backprop and finite differences, and where it was.</summary>
public sealed record GradientCheckResult(string Layer, double MaxRelativeError, string WorstEntry, int EntriesChecked);

/// <summary>
/// Checks analytic gradients against central differences (f(θ+h) − f(θ−h)) / 2h, whose error is O(h²)
/// (CS231n "gradient checks"; Goodfellow et al. §11.5). Relative error |a − n| / max(|a| + |n|, 1e-4) is compared,
/// so large and small gradients are judged alike.
/// </summary>
public static class GradientCheck
{
    public const double Step = 1e-5;

    /// <summary>
    /// One layer in isolation, with the scalar loss L = Σ R ⊙ layer(X) for a fixed random R (so ∂L/∂output = R):
    /// checks ∂L/∂X and every parameter.
    /// </summary>
    public static GradientCheckResult Layer(ILayer layer, Matrix input, int seed)
    {
        var rng = new Random(seed);
        var output = layer.Forward(input);
        var r = new Matrix(output.Rows, output.Cols);
        for (var i = 0; i < r.Values.Length; i++) r.Values[i] = Synthetic.Gaussian(rng);
        double Loss() => Dot(layer.Forward(input), r);
        layer.Forward(input);
        var inputGradient = layer.Backward(r) ?? throw new InvalidOperationException($"{layer.Name} returned no input gradient.");
        var analytic = layer.Parameters.Select(p => (p.Name, Grad: (double[])p.Gradient.Values.Clone(), Value: p.Value.Values)).ToList();
        analytic.Add(("input", inputGradient.Values, input.Values));
        return Compare(layer.Name, analytic, Loss);
    }

    /// <summary>The whole network under softmax cross-entropy: every parameter of every layer.</summary>
    public static GradientCheckResult Network(Sequential network, Matrix x, int[] labels)
    {
        network.LossAndGradients(x, labels);
        var analytic = network.Layers.SelectMany((l, k) => l.Parameters.Select(p => ($"layer {k} {p.Name}", Grad: (double[])p.Gradient.Values.Clone(), Value: p.Value.Values))).ToList();
        return Compare(network.ToString(), analytic, () => SoftmaxCrossEntropy.Evaluate(network.Forward(x), labels).Loss);
    }

    /// <summary>∂loss/∂values[index] ≈ (loss(v + h) − loss(v − h)) / 2h, restoring the value afterwards.</summary>
    public static double CentralDifference(double[] values, int index, Func<double> loss)
    {
        var saved = values[index];
        values[index] = saved + Step;
        var plus = loss();
        values[index] = saved - Step;
        var minus = loss();
        values[index] = saved;
        return (plus - minus) / (2 * Step);
    }

    /// <summary>
    /// Below this, |a| + |n| is not used as the scale: a central difference carries round-off ≈ ε·|L|/h ≈ 1e-11·|L|,
    /// so for a gradient of 1e-5 that noise alone would look like a relative error of 1e-6.
    /// </summary>
    public const double ScaleFloor = 1e-4;

    public static double RelativeError(double analytic, double numeric) =>
        Math.Abs(analytic - numeric) / Math.Max(Math.Abs(analytic) + Math.Abs(numeric), ScaleFloor);

    private static GradientCheckResult Compare(string name, List<(string Name, double[] Grad, double[] Value)> entries, Func<double> loss)
    {
        var worst = 0.0;
        var where = "";
        var count = 0;
        foreach (var (entry, grad, value) in entries)
            for (var i = 0; i < value.Length; i++)
            {
                var numeric = CentralDifference(value, i, loss);
                var error = RelativeError(grad[i], numeric);
                count++;
                if (error > worst) (worst, where) = (error, $"{entry}[{i}]: backprop {grad[i]:G6}, numeric {numeric:G6}");
            }
        return new GradientCheckResult(name, worst, where, count);
    }

    private static double Dot(Matrix a, Matrix b) => System.Numerics.Tensors.TensorPrimitives.Dot<double>(a.Values, b.Values);
}

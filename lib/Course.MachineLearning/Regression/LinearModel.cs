using Course.MachineLearning.Data;
using System.Numerics.Tensors;

namespace Course.MachineLearning.Regression;

/// <summary>ŷ = w·x + b, however it was fitted.</summary>
public sealed record LinearModel(double[] Weights, double Bias)
{
    public double Predict(ReadOnlySpan<double> x)
    {
        if (x.Length != Weights.Length) throw new ArgumentException($"Shape mismatch: {x.Length} features but the model has {Weights.Length} weights.", nameof(x));
        return TensorPrimitives.Dot(x, Weights) + Bias;
    }

    public double[] Predict(Matrix x)
    {
        Check.Features(x, Weights.Length, nameof(x));
        var y = new double[x.Rows];
        for (var i = 0; i < x.Rows; i++) y[i] = TensorPrimitives.Dot(x.RowReadOnly(i), Weights) + Bias;
        return y;
    }

    /// <summary>Mean squared error on a dataset.</summary>
    public double MeanSquaredError(Matrix x, ReadOnlySpan<double> y)
    {
        Check.SameRows(x, y.Length, "targets");
        var p = Predict(x);
        return TensorPrimitives.SumOfSquares<double>(Subtract(p, y)) / y.Length;
    }

    /// <summary>R² = 1 − SS_res/SS_tot: the share of the target's variance the model explains.</summary>
    public double RSquared(Matrix x, ReadOnlySpan<double> y)
    {
        var mean = TensorPrimitives.Sum(y) / y.Length;
        var total = 0.0;
        foreach (var v in y) total += (v - mean) * (v - mean);
        return 1 - MeanSquaredError(x, y) * y.Length / total;
    }

    private static double[] Subtract(double[] a, ReadOnlySpan<double> b)
    {
        var d = new double[a.Length];
        TensorPrimitives.Subtract(a, b, d);
        return d;
    }
}

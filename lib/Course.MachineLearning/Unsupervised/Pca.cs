using Course.MachineLearning.Data;
using System.Numerics.Tensors;

namespace Course.MachineLearning.Unsupervised;

/// <summary>
/// Principal component analysis: the directions of largest variance are the top eigenvectors of the covariance
/// matrix (Bishop, PRML §12.1). Found by power iteration with deflation — enough for the 2 components a plot needs,
/// and short enough to read. Components are unit length with their largest entry positive (a fixed sign, so the
/// picture does not flip between runs).
/// </summary>
public sealed record Pca(double[] Mean, Matrix Components, double[] ExplainedVariance, double TotalVariance)
{
    public static Pca Fit(Matrix x, int components = 2, int iterations = 500)
    {
        Check.NotEmpty(x, nameof(x));
        Check.Finite(x, nameof(x));
        if (components < 1 || components > x.Cols)
            throw new ArgumentOutOfRangeException(nameof(components), components, $"components must be between 1 and {x.Cols}.");
        var mean = Enumerable.Range(0, x.Cols).Select(j => x.Column(j).Average()).ToArray();
        var centred = new Matrix(x.Rows, x.Cols);
        for (var i = 0; i < x.Rows; i++) TensorPrimitives.Subtract(x.RowReadOnly(i), mean, centred.Row(i));
        var covariance = Matrix.TransposeMultiply(centred, centred);
        TensorPrimitives.Multiply(covariance.Values, 1.0 / x.Rows, covariance.Values);
        var total = Enumerable.Range(0, x.Cols).Sum(j => covariance[j, j]);
        var result = new Matrix(components, x.Cols);
        var variances = new double[components];
        var rng = new Random(0);
        for (var c = 0; c < components; c++)
        {
            var v = Enumerable.Range(0, x.Cols).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var lambda = 0.0;
            for (var it = 0; it < iterations; it++)
            {
                var next = Matrix.Multiply(covariance, new Matrix(x.Cols, 1, v)).Values;
                lambda = TensorPrimitives.Norm<double>(next);
                if (lambda == 0) break;
                TensorPrimitives.Divide(next, lambda, next);
                v = next;
            }
            if (v[TensorPrimitives.IndexOfMaxMagnitude<double>(v)] < 0) TensorPrimitives.Negate<double>(v, v);
            v.CopyTo(result.Row(c));
            variances[c] = lambda;
            for (var a = 0; a < x.Cols; a++) // deflate: C ← C − λ v vᵀ
                for (var b = 0; b < x.Cols; b++) covariance[a, b] -= lambda * v[a] * v[b];
        }
        return new Pca(mean, result, variances, total);
    }

    public Matrix Transform(Matrix x)
    {
        Check.Features(x, Mean.Length, nameof(x));
        var centred = new Matrix(x.Rows, x.Cols);
        for (var i = 0; i < x.Rows; i++) TensorPrimitives.Subtract(x.RowReadOnly(i), Mean, centred.Row(i));
        return Matrix.MultiplyTranspose(centred, Components);
    }

    public double[] ExplainedVarianceRatio => ExplainedVariance.Select(v => v / TotalVariance).ToArray();
}

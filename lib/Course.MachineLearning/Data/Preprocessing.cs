namespace Course.MachineLearning.Data;

/// <summary>A seeded train/test split: the same seed gives the same split on any machine.</summary>
public static class Split
{
    public static (int[] Train, int[] Test) Indices(int count, double testFraction, int seed)
    {
        if (count < 2) throw new ArgumentException($"Cannot split {count} examples into train and test.", nameof(count));
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "testFraction must be strictly between 0 and 1.");
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        var testCount = Math.Clamp((int)Math.Round(count * testFraction), 1, count - 1);
        return (order[testCount..], order[..testCount]);
    }

    public static (ClassificationData Train, ClassificationData Test) TrainTest(ClassificationData data, double testFraction, int seed)
    {
        var (train, test) = Indices(data.Count, testFraction, seed);
        return (data.Select(train), data.Select(test));
    }

    public static (RegressionData Train, RegressionData Test) TrainTest(RegressionData data, double testFraction, int seed)
    {
        var (train, test) = Indices(data.Count, testFraction, seed);
        return (data.Select(train), data.Select(test));
    }
}

/// <summary>
/// Standardisation (z-scores): each column minus its training mean, divided by its training standard deviation.
/// Fitted on the training set only, so no test information leaks into the model. A constant column (the blank
/// border pixels of the digits) keeps scale 1 instead of dividing by zero.
/// </summary>
public sealed record Standardizer(double[] Mean, double[] Scale)
{
    public static Standardizer Fit(Matrix x)
    {
        Check.NotEmpty(x, nameof(x));
        Check.Finite(x, nameof(x));
        var mean = new double[x.Cols];
        var scale = new double[x.Cols];
        for (var j = 0; j < x.Cols; j++)
        {
            var column = x.Column(j);
            mean[j] = column.Average();
            var variance = column.Sum(v => (v - mean[j]) * (v - mean[j])) / x.Rows;
            scale[j] = variance > 1e-24 ? Math.Sqrt(variance) : 1.0;
        }
        return new Standardizer(mean, scale);
    }

    public Matrix Transform(Matrix x)
    {
        Check.Features(x, Mean.Length, nameof(x));
        var z = new Matrix(x.Rows, x.Cols);
        for (var i = 0; i < x.Rows; i++)
            for (var j = 0; j < x.Cols; j++) z[i, j] = (x[i, j] - Mean[j]) / Scale[j];
        return z;
    }

    /// <summary>
    /// Coefficients learned on standardised features, mapped back to the original units:
    /// y = b + Σ w_j (x_j − μ_j)/σ_j  ⇒  w'_j = w_j/σ_j, b' = b − Σ w_j μ_j/σ_j.
    /// </summary>
    public (double[] Weights, double Bias) Unscale(ReadOnlySpan<double> weights, double bias)
    {
        if (weights.Length != Mean.Length) throw new ArgumentException($"Expected {Mean.Length} weights, got {weights.Length}.", nameof(weights));
        var w = new double[weights.Length];
        for (var j = 0; j < w.Length; j++)
        {
            w[j] = weights[j] / Scale[j];
            bias -= weights[j] * Mean[j] / Scale[j];
        }
        return (w, bias);
    }
}

public static class OneHot
{
    /// <summary>Row i has a 1 in column labels[i] and 0 elsewhere (the target for softmax + cross-entropy).</summary>
    public static Matrix Encode(ReadOnlySpan<int> labels, int classes)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "Need at least one class.");
        var m = new Matrix(labels.Length, classes);
        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
                throw new ArgumentException($"Label {labels[i]} at row {i} is outside 0..{classes - 1}.", nameof(labels));
            m[i, labels[i]] = 1;
        }
        return m;
    }

    /// <summary>The index of the largest value in each row (the predicted class).</summary>
    public static int[] ArgMax(Matrix scores)
    {
        var result = new int[scores.Rows];
        for (var i = 0; i < scores.Rows; i++)
            result[i] = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(scores.RowReadOnly(i));
        return result;
    }
}

namespace Course.MachineLearning.Data;

/// <summary>
/// Input checks shared by every fit method: an empty dataset, a NaN feature or a shape mismatch is rejected with a
/// message naming the problem, before any arithmetic turns it into a silent wrong model.
/// </summary>
public static class Check
{
    public static void NotEmpty(Matrix x, string name)
    {
        ArgumentNullException.ThrowIfNull(x, name);
        if (x.Rows == 0) throw new ArgumentException($"{name} is empty: there are no examples to learn from.", name);
        if (x.Cols == 0) throw new ArgumentException($"{name} has no features (0 columns).", name);
    }

    public static void Finite(Matrix x, string name)
    {
        for (var i = 0; i < x.Values.Length; i++)
            if (!double.IsFinite(x.Values[i]))
                throw new ArgumentException($"{name} has {x.Values[i]} at row {i / x.Cols}, column {i % x.Cols}; clean or impute it first.", name);
    }

    public static void Finite(ReadOnlySpan<double> values, string name)
    {
        for (var i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{name} has {values[i]} at index {i}; clean or impute it first.", name);
    }

    public static void SameRows(Matrix x, int targets, string name)
    {
        if (x.Rows != targets)
            throw new ArgumentException($"Shape mismatch: {x.Rows} feature rows but {targets} {name}.", name);
    }

    public static void Features(Matrix x, int expected, string name)
    {
        if (x.Cols != expected)
            throw new ArgumentException($"Shape mismatch: {name} has {x.Cols} columns but the model expects {expected}.", name);
    }

    public static double LearningRate(double rate, string name = "learningRate") =>
        rate > 0 && double.IsFinite(rate)
            ? rate
            : throw new ArgumentOutOfRangeException(name, rate, $"{name} must be a positive finite number (got {rate}).");

    /// <summary>Everything a supervised fit needs: non-empty, finite, one target per row.</summary>
    public static void Supervised(Matrix x, ReadOnlySpan<double> y)
    {
        NotEmpty(x, "features");
        Finite(x, "features");
        SameRows(x, y.Length, "targets");
        Finite(y, "targets");
    }

    public static void Labels(Matrix x, ReadOnlySpan<int> labels, int classes)
    {
        NotEmpty(x, "features");
        Finite(x, "features");
        SameRows(x, labels.Length, "labels");
        for (var i = 0; i < labels.Length; i++)
            if ((uint)labels[i] >= (uint)classes)
                throw new ArgumentException($"Label {labels[i]} at row {i} is outside 0..{classes - 1}.", nameof(labels));
    }
}

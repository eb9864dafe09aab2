namespace Course.MachineLearning.Data;

/// <summary>Examples with integer class labels 0..Classes-1.</summary>
public sealed record ClassificationData(string Name, Matrix Features, int[] Labels, int Classes)
{
    public int Count => Labels.Length;

    public ClassificationData Select(ReadOnlySpan<int> rows)
    {
        var labels = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++) labels[i] = Labels[rows[i]];
        return this with { Features = Features.SelectRows(rows), Labels = labels };
    }

    public ClassificationData WithFeatures(Matrix features)
    {
        Check.SameRows(features, Labels.Length, "labels");
        return this with { Features = features };
    }
}

/// <summary>Examples with a real-valued target, and the names of the feature columns.</summary>
public sealed record RegressionData(string Name, Matrix Features, double[] Targets, string[] FeatureNames, string TargetName)
{
    public int Count => Targets.Length;

    public RegressionData Select(ReadOnlySpan<int> rows)
    {
        var targets = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++) targets[i] = Targets[rows[i]];
        return this with { Features = Features.SelectRows(rows), Targets = targets };
    }

    public RegressionData WithFeatures(Matrix features)
    {
        Check.SameRows(features, Targets.Length, "targets");
        return this with { Features = features };
    }

    /// <summary>Only the named feature columns, in the order given.</summary>
    public RegressionData Columns(params string[] names)
    {
        var indices = names.Select(n => Array.IndexOf(FeatureNames, n) is var j and >= 0
            ? j
            : throw new ArgumentException($"No feature '{n}'; the features are {string.Join(", ", FeatureNames)}.", nameof(names))).ToArray();
        var x = new Matrix(Count, indices.Length);
        for (var i = 0; i < Count; i++)
            for (var k = 0; k < indices.Length; k++) x[i, k] = Features[i, indices[k]];
        return this with { Features = x, FeatureNames = names };
    }
}

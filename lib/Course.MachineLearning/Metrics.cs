namespace Course.MachineLearning;

/// <summary>Classification scores computed from predicted and true labels.</summary>
public static class Metrics
{
    public static double Accuracy(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
    {
        SameLength(actual, predicted);
        var correct = 0;
        for (var i = 0; i < actual.Length; i++) if (actual[i] == predicted[i]) correct++;
        return correct / (double)actual.Length;
    }

    /// <summary>counts[a, p] = how many examples of true class a were predicted as p (rows: truth, columns: prediction).</summary>
    public static int[,] ConfusionMatrix(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classes)
    {
        SameLength(actual, predicted);
        var counts = new int[classes, classes];
        for (var i = 0; i < actual.Length; i++) counts[actual[i], predicted[i]]++;
        return counts;
    }

    /// <summary>Indices of the examples the model got wrong.</summary>
    public static int[] Misclassified(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
    {
        SameLength(actual, predicted);
        var wrong = new List<int>();
        for (var i = 0; i < actual.Length; i++) if (actual[i] != predicted[i]) wrong.Add(i);
        return [.. wrong];
    }

    private static void SameLength(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
    {
        if (actual.Length != predicted.Length) throw new ArgumentException($"Shape mismatch: {actual.Length} labels but {predicted.Length} predictions.", nameof(predicted));
        if (actual.Length == 0) throw new ArgumentException("No examples to score.", nameof(actual));
    }
}

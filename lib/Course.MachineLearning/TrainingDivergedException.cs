namespace Course.MachineLearning;

/// <summary>
/// Training produced a non-finite or exploding loss — almost always a learning rate too large for the problem's
/// curvature (or unscaled features). Raised at the step it happens, so no NaN model is ever returned.
/// </summary>
public sealed class TrainingDivergedException(string message, int epoch, double learningRate, IReadOnlyList<double> lossHistory)
    : Exception(message)
{
    public int Epoch { get; } = epoch;
    public double LearningRate { get; } = learningRate;

    /// <summary>The per-epoch losses up to the divergence (for a chart of what went wrong).</summary>
    public IReadOnlyList<double> LossHistory { get; } = lossHistory;

    /// <summary>Throws if <paramref name="loss"/> is NaN/∞ or has grown past <paramref name="limit"/>.</summary>
    public static void ThrowIfDiverged(double loss, double limit, int epoch, double learningRate, IReadOnlyList<double> history)
    {
        if (double.IsFinite(loss) && loss <= limit) return;
        throw new TrainingDivergedException(
            $"Training diverged at epoch {epoch}: loss = {loss:G4} (limit {limit:G4}) with learning rate {learningRate:G4}. " +
            "Lower the learning rate or standardise the features.", epoch, learningRate, [.. history]);
    }
}

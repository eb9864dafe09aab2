namespace Course.MachineLearning.Data;

/// <summary>The digits as every week-2 experiment uses them: a seeded 80/20 split, standardised on the training part.</summary>
public static class Digits
{
    public const double TestFraction = 0.2;

    public static (ClassificationData Train, ClassificationData Test) StandardisedSplit(int seed)
    {
        var (train, test) = Split.TrainTest(DataFiles.Digits(), TestFraction, seed);
        var scaler = Standardizer.Fit(train.Features);
        return (train.WithFeatures(scaler.Transform(train.Features)), test.WithFeatures(scaler.Transform(test.Features)));
    }
}

using Course.MachineLearning.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Course.MachineLearning.MlNet;

/// <summary>
/// A multiclass classifier from ML.NET (L-BFGS maximum entropy = multinomial logistic regression, a network with
/// no hidden layer): the production baseline next to our MLP.
/// </summary>
public sealed class MlNetClassifier
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;

    private MlNetClassifier(MLContext ml, ITransformer model) { _ml = ml; _model = model; }

    public static MlNetClassifier Fit(ClassificationData train, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(train);
        Check.Labels(train.Features, train.Labels, train.Classes);
        var ml = new MLContext(seed);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Label", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new Microsoft.ML.Trainers.LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                NumberOfThreads = 1,
                L2Regularization = 1e-2f,
            }));
        return new MlNetClassifier(ml, pipeline.Fit(MlNetData.Classification(ml, train.Features, train.Labels)));
    }

    /// <summary>Predicted class per row. Keys were ordered by value, so key k−1 is label k−1.</summary>
    public int[] Predict(Matrix x)
    {
        var scored = _model.Transform(MlNetData.Features(_ml, x));
        return scored.GetColumn<uint>("PredictedLabel").Select(k => (int)k - 1).ToArray();
    }

    public double Accuracy(ClassificationData test)
    {
        var predicted = Predict(test.Features);
        return predicted.Zip(test.Labels).Count(p => p.First == p.Second) / (double)test.Count;
    }
}

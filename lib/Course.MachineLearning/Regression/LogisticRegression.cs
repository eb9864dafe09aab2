using Course.MachineLearning.Data;
using System.Numerics.Tensors;

namespace Course.MachineLearning.Regression;

/// <summary>
/// Binary logistic regression, the bridge to networks: p(y=1|x) = σ(w·x + b) is a one-neuron network with a
/// sigmoid output, and its cross-entropy gradient has the same shape as linear regression's,
/// ∂J/∂w = (1/n) Xᵀ(σ(Xw + b) − y) (+ λw) (Ng, CS229 notes §5). Fitted by batch gradient descent.
/// </summary>
public sealed record LogisticRegression(double[] Weights, double Bias, IReadOnlyList<double> Loss)
{
    public static LogisticRegression Fit(ClassificationData data, double learningRate, int epochs, double l2 = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Classes != 2) throw new ArgumentException($"Logistic regression here is binary; {data.Name} has {data.Classes} classes.", nameof(data));
        Check.Labels(data.Features, data.Labels, 2);
        Check.LearningRate(learningRate);
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "epochs must be at least 1.");
        var x = data.Features;
        var w = new double[x.Cols];
        var b = 0.0;
        var gradW = new double[x.Cols];
        var losses = new List<double>();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            Array.Clear(gradW);
            var gradB = 0.0;
            var loss = 0.0;
            for (var i = 0; i < x.Rows; i++)
            {
                var z = TensorPrimitives.Dot(x.RowReadOnly(i), w) + b;
                var p = 1 / (1 + Math.Exp(-z));
                var error = p - data.Labels[i];
                TensorPrimitives.MultiplyAdd(x.RowReadOnly(i), error, gradW, gradW);
                gradB += error;
                // −log σ(z) for y=1, −log(1−σ(z)) for y=0, written to stay finite for large |z|
                loss += data.Labels[i] == 1 ? Softplus(-z) : Softplus(z);
            }
            TensorPrimitives.Multiply(gradW, 1.0 / x.Rows, gradW);
            TensorPrimitives.MultiplyAdd(w, l2, gradW, gradW);
            TensorPrimitives.MultiplyAdd(gradW, -learningRate, w, w);
            b -= learningRate * gradB / x.Rows;
            losses.Add(loss / x.Rows);
            TrainingDivergedException.ThrowIfDiverged(losses[^1], 1e6, epoch, learningRate, losses);
        }
        return new LogisticRegression(w, b, losses);
    }

    public double Probability(ReadOnlySpan<double> x) => 1 / (1 + Math.Exp(-(TensorPrimitives.Dot(x, Weights) + Bias)));

    public int[] Predict(Matrix x)
    {
        Check.Features(x, Weights.Length, nameof(x));
        return Enumerable.Range(0, x.Rows).Select(i => Probability(x.RowReadOnly(i)) >= 0.5 ? 1 : 0).ToArray();
    }

    public double Accuracy(ClassificationData data) =>
        Predict(data.Features).Zip(data.Labels).Count(p => p.First == p.Second) / (double)data.Count;

    private static double Softplus(double z) => z > 30 ? z : double.LogP1(Math.Exp(z));
}

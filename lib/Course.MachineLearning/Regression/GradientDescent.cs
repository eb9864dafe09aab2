using Course.MachineLearning.Data;
using System.Numerics.Tensors;

namespace Course.MachineLearning.Regression;

/// <summary>
/// How to run gradient descent on J(w, b) = (1/2n)‖Xw + b − y‖² + (λ/2)‖w‖². <see cref="BatchSize"/> picks the
/// variant: null = batch (all n rows per step), 1 = stochastic, anything between = mini-batch.
/// </summary>
public sealed record GradientDescentOptions
{
    public LearningRateSchedule Schedule { get; init; } = new LearningRateSchedule.Constant(0.1);
    public int Epochs { get; init; } = 100;
    public int? BatchSize { get; init; }
    public double L2 { get; init; }
    public int Seed { get; init; } = 1;

    /// <summary>Record (w, b) after every step, for drawing the path on the loss surface.</summary>
    public bool RecordPath { get; init; }

    public static GradientDescentOptions Batch(double learningRate, int epochs) =>
        new() { Schedule = new LearningRateSchedule.Constant(learningRate), Epochs = epochs };

    public static GradientDescentOptions Stochastic(double learningRate, int epochs, int seed = 1) =>
        new() { Schedule = new LearningRateSchedule.Constant(learningRate), Epochs = epochs, BatchSize = 1, Seed = seed };

    public static GradientDescentOptions MiniBatch(double learningRate, int epochs, int batchSize, int seed = 1) =>
        new() { Schedule = new LearningRateSchedule.Constant(learningRate), Epochs = epochs, BatchSize = batchSize, Seed = seed };

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Schedule);
        Schedule.Validate();
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        if (BatchSize is < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1 (or null for full batch).");
        if (L2 < 0 || !double.IsFinite(L2)) throw new ArgumentOutOfRangeException(nameof(L2), L2, "L2 must be ≥ 0.");
    }
}

/// <summary>The fitted model, the full-data loss after each epoch, and (optionally) every (w, b) visited.</summary>
public sealed record GradientDescentResult(LinearModel Model, IReadOnlyList<double> Loss, IReadOnlyList<double[]> Path);

/// <summary>
/// Linear regression by gradient descent. The gradient of J over a batch B is
/// ∂J/∂w = (1/|B|) X_Bᵀ(X_B w + b − y_B) + λw and ∂J/∂b = mean(X_B w + b − y_B) (Ng, CS229 notes §1).
/// </summary>
public static class GradientDescent
{
    /// <summary>Divergence = the loss has grown this many times above where it started.</summary>
    public const double DivergenceFactor = 1e6;

    public static GradientDescentResult Fit(Matrix x, ReadOnlySpan<double> y, GradientDescentOptions options)
    {
        Check.Supervised(x, y);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var targets = y.ToArray();
        var w = new double[x.Cols];
        var b = 0.0;
        var batch = Math.Min(options.BatchSize ?? x.Rows, x.Rows);
        var order = Enumerable.Range(0, x.Rows).ToArray();
        var rng = new Random(options.Seed);
        var losses = new List<double>();
        var path = new List<double[]>();
        var limit = DivergenceFactor * Math.Max(Loss(x, targets, w, b, options.L2), 1e-12);
        if (options.RecordPath) path.Add([.. w, b]);
        var gradW = new double[x.Cols];
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            var eta = options.Schedule.Rate(epoch);
            if (batch < x.Rows) rng.Shuffle(order);
            for (var start = 0; start < x.Rows; start += batch)
            {
                var rows = order.AsSpan(start, Math.Min(batch, x.Rows - start));
                var gradB = Gradient(x, targets, w, b, options.L2, rows, gradW);
                TensorPrimitives.MultiplyAdd(gradW, -eta, w, w);
                b -= eta * gradB;
                if (options.RecordPath) path.Add([.. w, b]);
            }
            var loss = Loss(x, targets, w, b, options.L2);
            losses.Add(loss);
            TrainingDivergedException.ThrowIfDiverged(loss, limit, epoch, eta, losses);
        }
        return new GradientDescentResult(new LinearModel(w, b), losses, path);
    }

    /// <summary>J(w, b) on the whole dataset.</summary>
    public static double Loss(Matrix x, double[] y, double[] w, double b, double l2)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Rows; i++)
        {
            var r = TensorPrimitives.Dot(x.RowReadOnly(i), w) + b - y[i];
            sum += r * r;
        }
        return sum / (2 * x.Rows) + l2 / 2 * TensorPrimitives.SumOfSquares<double>(w);
    }

    /// <summary>Writes ∂J/∂w over <paramref name="rows"/> into <paramref name="gradW"/> and returns ∂J/∂b.</summary>
    public static double Gradient(Matrix x, double[] y, double[] w, double b, double l2, ReadOnlySpan<int> rows, double[] gradW)
    {
        Array.Clear(gradW);
        var gradB = 0.0;
        foreach (var i in rows)
        {
            var xi = x.RowReadOnly(i);
            var r = TensorPrimitives.Dot(xi, w) + b - y[i];
            TensorPrimitives.MultiplyAdd(xi, r, gradW, gradW);
            gradB += r;
        }
        TensorPrimitives.Multiply(gradW, 1.0 / rows.Length, gradW);
        TensorPrimitives.MultiplyAdd(w, l2, gradW, gradW);
        return gradB / rows.Length;
    }
}

using Course.MachineLearning.Data;

namespace Course.MachineLearning.Network;

public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 30;
    public int BatchSize { get; init; } = 32;

    /// <summary>Seeds the shuffling of examples each epoch (the weights are seeded where the network is built).</summary>
    public int Seed { get; init; } = 1;

    internal void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
    }
}

/// <summary>One epoch's numbers: mean training loss over its mini-batches, training and validation accuracy.</summary>
public sealed record EpochStats(int Epoch, double Loss, double TrainAccuracy, double? ValidationAccuracy);

/// <summary>
/// Mini-batch training: shuffle, then for each batch forward → loss → backward → optimiser step. A batch loss that
/// is non-finite or has grown far above the untrained network's stops training at once, reported as divergence.
/// </summary>
public static class Trainer
{
    /// <summary>A batch loss this many times the untrained network's (and ≥ 1e3) is divergence, not noise.</summary>
    public const double DivergenceFactor = 100;

    /// <summary>
    /// One pass over <paramref name="train"/> in the given order: for each mini-batch, forward → loss → backward →
    /// <paramref name="afterBatch"/>(loss) → optimiser step. Returns the mean batch loss. (Public for the benchmark.)
    /// </summary>
    public static double Epoch(Sequential network, IOptimizer optimizer, ClassificationData train, int[] order, int batchSize, Action<double>? afterBatch = null)
    {
        var sum = 0.0;
        var batches = 0;
        for (var start = 0; start < order.Length; start += batchSize)
        {
            var batch = train.Select(order.AsSpan(start, Math.Min(batchSize, order.Length - start)));
            var loss = network.LossAndGradients(batch.Features, batch.Labels);
            afterBatch?.Invoke(loss);
            optimizer.Step(network.Parameters);
            sum += loss;
            batches++;
        }
        return sum / batches;
    }

    public static IReadOnlyList<EpochStats> Fit(Sequential network, IOptimizer optimizer, ClassificationData train, TrainingOptions options,
        ClassificationData? validation = null, Action<EpochStats>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Check.Labels(train.Features, train.Labels, train.Classes);
        Check.Features(train.Features, network.Inputs, "training features");
        if (train.Classes > network.Outputs)
            throw new ArgumentException($"Shape mismatch: {train.Classes} classes but the network has {network.Outputs} outputs.", nameof(train));
        if (validation is not null) Check.Features(validation.Features, network.Inputs, "validation features");

        var rng = new Random(options.Seed);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var history = new List<EpochStats>();
        var losses = new List<double>();
        double? limit = null;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            var epochLoss = Epoch(network, optimizer, train, order, options.BatchSize, loss =>
            {
                limit ??= Math.Max(DivergenceFactor * loss, 1e3); // from the untrained network's first batch
                TrainingDivergedException.ThrowIfDiverged(loss, limit.Value, epoch, optimizer.LearningRate, [.. losses, loss]);
            });
            losses.Add(epochLoss);
            var stats = new EpochStats(epoch + 1, epochLoss, network.Accuracy(train), validation is null ? null : network.Accuracy(validation));
            history.Add(stats);
            onEpoch?.Invoke(stats);
        }
        return history;
    }
}

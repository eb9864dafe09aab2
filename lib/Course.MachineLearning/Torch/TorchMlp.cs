using Course.MachineLearning.Data;
using Course.MachineLearning.Network;
using TorchSharp;
using static TorchSharp.torch;
using ScratchSequential = Course.MachineLearning.Network.Sequential;

namespace Course.MachineLearning.Torch;

/// <summary>
/// The from-scratch MLP rebuilt in TorchSharp for a like-for-like comparison: the same layers, the very same initial
/// weights (copied, so "same initialisation" is exact, not just the same scheme), Adam with the same
/// hyper-parameters, and the same shuffled mini-batches (same seed, same shuffle). Autograd replaces our Backward.
/// Call <see cref="TorchSharpRuntime.EnsureLoadable"/> first.
/// </summary>
public sealed class TorchMlp : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly ScalarType _dtype;
    private readonly int _inputs;

    private TorchMlp(nn.Module<Tensor, Tensor> model, ScalarType dtype, int inputs) => (_model, _dtype, _inputs) = (model, dtype, inputs);

    /// <summary>Mirrors <paramref name="scratch"/> layer by layer (Dense → Linear with W transposed, activations by name).</summary>
    public static TorchMlp From(ScratchSequential scratch, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        foreach (var (layer, k) in scratch.Layers.Select((l, k) => (l, k)))
            modules.Add(($"{k}", layer switch
            {
                Dense d => Linear(d, dtype),
                ReluLayer => nn.ReLU(),
                TanhLayer => nn.Tanh(),
                SigmoidLayer => nn.Sigmoid(),
                _ => throw new NotSupportedException($"No TorchSharp equivalent for layer {layer.Name}."),
            }));
        return new TorchMlp(nn.Sequential(modules), dtype, scratch.Inputs);
    }

    private static nn.Module<Tensor, Tensor> Linear(Dense d, ScalarType dtype)
    {
        var linear = nn.Linear(d.Inputs, d.Outputs, dtype: dtype);
        using (no_grad())
        {
            // torch stores W as out × in (y = x·Wᵀ + b); ours is in × out.
            using var w = tensor(d.Weights.Value.Transpose().Values, [d.Outputs, d.Inputs], dtype);
            using var b = tensor(d.Bias.Value.Values, [d.Outputs], dtype);
            linear.weight!.copy_(w);
            linear.bias!.copy_(b);
        }
        return linear;
    }

    /// <summary>
    /// Trains with Adam(η) on cross-entropy; the batch order comes from the same <c>Random(seed).Shuffle</c> as
    /// <see cref="Trainer"/>, so both networks see identical batches.
    /// </summary>
    public IReadOnlyList<EpochStats> Fit(ClassificationData train, double learningRate, TrainingOptions options, ClassificationData? validation = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        Check.Labels(train.Features, train.Labels, train.Classes);
        Check.Features(train.Features, _inputs, "training features");
        var optimizer = optim.Adam(_model.parameters(), Check.LearningRate(learningRate));
        using var x = Features(train.Features);
        using var y = tensor(train.Labels.Select(l => (long)l).ToArray(), [train.Count], ScalarType.Int64);
        var rng = new Random(options.Seed);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var history = new List<EpochStats>();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            var loss = Epoch(x, y, order, options.BatchSize, optimizer);
            TrainingDivergedException.ThrowIfDiverged(loss, 1e3, epoch, learningRate, [.. history.Select(h => h.Loss), loss]);
            history.Add(new EpochStats(epoch + 1, loss, Accuracy(train), validation is null ? null : Accuracy(validation)));
        }
        return history;
    }

    /// <summary>One pass over the data in the given order; returns the mean batch loss. Public for the benchmark.</summary>
    public double Epoch(Tensor x, Tensor y, int[] order, int batchSize, optim.Optimizer optimizer)
    {
        _model.train();
        var sum = 0.0;
        var batches = 0;
        for (var start = 0; start < order.Length; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var idx = tensor(order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray().Select(i => (long)i).ToArray(), ScalarType.Int64);
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(_model.forward(x.index_select(0, idx)), y.index_select(0, idx));
            loss.backward();
            optimizer.step();
            sum += _dtype == ScalarType.Float64 ? loss.item<double>() : loss.item<float>();
            batches++;
        }
        return sum / batches;
    }

    /// <summary>The torch module (for cells that want to poke at it).</summary>
    public nn.Module<Tensor, Tensor> Module => _model;

    public optim.Optimizer Adam(double learningRate) => optim.Adam(_model.parameters(), Check.LearningRate(learningRate));

    public Tensor Features(Matrix x) => tensor(x.Values, [x.Rows, x.Cols], _dtype);

    public int[] Predict(Matrix x)
    {
        Check.Features(x, _inputs, nameof(x));
        _model.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var predicted = _model.forward(Features(x)).argmax(1);
        return predicted.data<long>().Select(v => (int)v).ToArray();
    }

    public double Accuracy(ClassificationData data) =>
        Predict(data.Features).Zip(data.Labels).Count(p => p.First == p.Second) / (double)data.Count;

    public void Dispose() => _model.Dispose();
}

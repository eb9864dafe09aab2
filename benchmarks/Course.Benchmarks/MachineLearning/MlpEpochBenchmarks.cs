using BenchmarkDotNet.Attributes;
using Course.MachineLearning.Data;
using Course.MachineLearning.Network;
using Course.MachineLearning.Torch;
using TorchSharp;

namespace Course.Benchmarks.MachineLearning;

/// <summary>
/// One training epoch on digits (1,438 examples, 64-64-10 ReLU MLP, Adam) — from scratch (double, TensorPrimitives)
/// vs TorchSharp (float32, autograd), same initial weights and batch order, one thread each
/// (<c>torch.set_num_threads(1)</c>; ours is single-threaded). Target: from scratch no slower than TorchSharp at
/// batch 32, where libtorch's per-call dispatch overhead (~ tens of µs per op) dominates its tiny matrix products.
/// </summary>
public class MlpEpochBenchmarks
{
    [Params(32, 256)]
    public int BatchSize { get; set; }

    private ClassificationData _train = null!;
    private int[] _order = [];
    private Sequential _scratch = null!;
    private Adam _adam = null!;
    private TorchMlp _torch = null!;
    private torch.optim.Optimizer _torchAdam = null!;
    private torch.Tensor _x = null!;
    private torch.Tensor _y = null!;

    [GlobalSetup]
    public void Setup()
    {
        var status = TorchSharpRuntime.EnsureLoadable();
        if (!status.Loadable) throw new InvalidOperationException(status.ToString());
        torch.set_num_threads(1);
        (_train, _) = Digits.StandardisedSplit(seed: 1);
        _order = Enumerable.Range(0, _train.Count).ToArray();
        new Random(1).Shuffle(_order);
        _scratch = Sequential.Mlp([64, 64, 10], Activation.Relu, seed: 1);
        _adam = new Adam(1e-3);
        _torch = TorchMlp.From(_scratch);
        _torchAdam = _torch.Adam(1e-3);
        _x = _torch.Features(_train.Features);
        _y = torch.tensor(_train.Labels.Select(l => (long)l).ToArray(), torch.ScalarType.Int64);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _x.Dispose();
        _y.Dispose();
        _torch.Dispose();
    }

    [Benchmark(Baseline = true, Description = "from scratch (double, TensorPrimitives)")]
    public double Scratch() => Trainer.Epoch(_scratch, _adam, _train, _order, BatchSize);

    [Benchmark(Description = "TorchSharp (float32, 1 thread)")]
    public double TorchSharp() => _torch.Epoch(_x, _y, _order, BatchSize, _torchAdam);
}

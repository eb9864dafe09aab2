using Course.MachineLearning.Data;
using Course.MachineLearning.Network;
using Xunit.Abstractions;

namespace Course.MachineLearning.Tests;

public class GradientCheckTests(ITestOutputHelper output)
{
    private static Matrix RandomInput(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        var x = new Matrix(rows, cols);
        for (var i = 0; i < x.Values.Length; i++)
        {
            var v = Synthetic.Gaussian(rng);
            x.Values[i] = Math.Abs(v) < 0.01 ? 0.5 : v; // keep clear of ReLU's kink, where no derivative exists
        }
        return x;
    }

    public static TheoryData<string> LayerTypes => ["dense-he", "dense-xavier", "relu", "tanh", "sigmoid"];

    [Theory]
    [MemberData(nameof(LayerTypes))]
    public void Every_layer_type_passes_a_finite_difference_check(string type)
    {
        const int seed = 42;
        ILayer layer = type switch
        {
            "dense-he" => new Dense(5, 4, Initialization.HeNormal, new Random(seed)),
            "dense-xavier" => new Dense(5, 4, Initialization.XavierUniform, new Random(seed)),
            "relu" => new ReluLayer(),
            "tanh" => new TanhLayer(),
            _ => new SigmoidLayer(),
        };
        var result = GradientCheck.Layer(layer, RandomInput(6, 5, seed), seed);
        output.WriteLine($"seed {seed}: {result}");
        Assert.True(result.MaxRelativeError < 1e-6, $"seed {seed}: {result}");
        Assert.True(result.EntriesChecked >= 30);
    }

    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Sigmoid)]
    public void Whole_network_with_softmax_cross_entropy_passes(Activation activation)
    {
        const int seed = 7;
        var net = Sequential.Mlp([4, 6, 5, 3], activation, seed);
        var result = GradientCheck.Network(net, RandomInput(8, 4, seed), [0, 1, 2, 0, 1, 2, 2, 1]);
        output.WriteLine($"seed {seed}: {result}");
        Assert.True(result.MaxRelativeError < 1e-6, $"seed {seed}: {result}");
        Assert.Equal(4 * 6 + 6 + 6 * 5 + 5 + 5 * 3 + 3, result.EntriesChecked);
    }

    [Fact]
    public void A_wrong_gradient_is_caught()
    {
        var layer = new BrokenSigmoid();
        var result = GradientCheck.Layer(layer, RandomInput(3, 3, 1), 1);
        Assert.True(result.MaxRelativeError > 1e-2, result.ToString());
    }

    /// <summary>σ′ written as σ(1 + σ): the kind of slip the check exists for.</summary>
    private sealed class BrokenSigmoid : ILayer
    {
        private readonly SigmoidLayer _inner = new();
        private Matrix? _y;
        public string Name => "broken sigmoid";
        public IReadOnlyList<Parameter> Parameters => [];
        public Matrix Forward(Matrix input) => _y = _inner.Forward(input);

        public Matrix Backward(Matrix g)
        {
            var d = new Matrix(g.Rows, g.Cols);
            for (var i = 0; i < d.Values.Length; i++) d.Values[i] = g.Values[i] * _y!.Values[i] * (1 + _y.Values[i]);
            return d;
        }
    }
}

public class SoftmaxTests
{
    [Fact]
    public void Loss_and_gradient_match_a_hand_computation()
    {
        // logits [0, ln 3] → softmax [1/4, 3/4]; label 1 → loss −ln(3/4); gradient [1/4, −1/4]
        var logits = Matrix.FromRows([[0.0, Math.Log(3)]]);
        var (loss, grad) = SoftmaxCrossEntropy.Evaluate(logits, [1]);
        Assert.Equal(-Math.Log(0.75), loss, 12);
        Assert.Equal([0.25, -0.25], grad.Values.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Huge_logits_do_not_overflow()
    {
        var (loss, grad) = SoftmaxCrossEntropy.Evaluate(Matrix.FromRows([[1000.0, 0.0]]), [1]);
        Assert.Equal(1000.0, loss, 9);
        Assert.All(grad.Values, v => Assert.True(double.IsFinite(v)));
    }
}

public class OptimizerTests
{
    [Fact]
    public void Sgd_with_momentum_follows_the_recurrence()
    {
        var p = new Parameter("θ", Matrix.FromRows([[1.0]]));
        var sgd = new Sgd(0.1, momentum: 0.9);
        p.Gradient.Values[0] = 1; sgd.Step([p]); // v = 1, θ = 0.9
        p.Gradient.Values[0] = 1; sgd.Step([p]); // v = 1.9, θ = 0.71
        Assert.Equal(0.71, p.Value.Values[0], 12);
    }

    [Fact]
    public void Adam_first_step_moves_each_weight_by_the_learning_rate()
    {
        // With bias correction m̂ = g, v̂ = g², so the first step is η·g/|g| = η·sign(g), whatever the scale of g.
        var p = new Parameter("θ", Matrix.FromRows([[0.0, 0.0]]));
        p.Gradient.Values[0] = 1e-3;
        p.Gradient.Values[1] = -50;
        new Adam(0.01).Step([p]);
        Assert.Equal(-0.01, p.Value.Values[0], 6);
        Assert.Equal(0.01, p.Value.Values[1], 9);
    }

    [Fact]
    public void Learning_rate_must_be_positive()
    {
        Assert.Contains("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(-1));
    }
}

public class TrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void Reaches_100_percent_training_accuracy_on_two_moons()
    {
        const int seed = 1;
        var moons = Synthetic.TwoMoons(200, noise: 0.1, seed: seed);
        var net = Sequential.Mlp([2, 16, 16, 2], Activation.Tanh, seed);
        var history = Trainer.Fit(net, new Adam(0.01), moons, new TrainingOptions { Epochs = 300, BatchSize = 32, Seed = seed });
        output.WriteLine($"seed {seed}: final loss {history[^1].Loss:G4}, train accuracy {history[^1].TrainAccuracy:P1}");
        Assert.Equal(1.0, history[^1].TrainAccuracy);
    }

    [Fact]
    public void Reaches_at_least_96_percent_test_accuracy_on_digits()
    {
        const int seed = 1;
        var (train, test) = Digits.StandardisedSplit(seed);
        var net = Sequential.Mlp([64, 64, 10], Activation.Relu, seed);
        var history = Trainer.Fit(net, new Adam(1e-3), train, new TrainingOptions { Epochs = 20, BatchSize = 32, Seed = seed }, test);
        output.WriteLine($"seed {seed}: test accuracy {history[^1].ValidationAccuracy:P2} after {history.Count} epochs");
        Assert.True(history[^1].ValidationAccuracy >= 0.96, $"seed {seed}: {history[^1]}");
    }

    [Fact]
    public void Divergence_is_reported_not_a_silent_nan()
    {
        var (train, _) = Digits.StandardisedSplit(1);
        var net = Sequential.Mlp([64, 64, 10], Activation.Relu, 1);
        var e = Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(net, new Sgd(50), train, new TrainingOptions { Epochs = 20 }));
        output.WriteLine(e.Message);
        Assert.Contains("diverged", e.Message);
        Assert.Equal(50, e.LearningRate);
    }

    [Fact]
    public void Bad_training_input_is_named()
    {
        var net = Sequential.Mlp([2, 4, 2], Activation.Tanh, 1);
        var moons = Synthetic.TwoMoons(10, 0.1, 1);
        var wide = moons with { Features = new Matrix(10, 3) };
        Assert.Contains("expects 2", Assert.Throws<ArgumentException>(() => Trainer.Fit(net, new Adam(), wide, new())).Message);
        var empty = moons with { Features = new Matrix(0, 2), Labels = [] };
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => Trainer.Fit(net, new Adam(), empty, new())).Message);
        var nan = moons.Features.Clone();
        nan[3, 1] = double.NaN;
        Assert.Contains("row 3, column 1", Assert.Throws<ArgumentException>(() => Trainer.Fit(net, new Adam(), moons with { Features = nan }, new())).Message);
        var tenClasses = moons with { Classes = 10 };
        Assert.Contains("10 classes but the network has 2 outputs", Assert.Throws<ArgumentException>(() => Trainer.Fit(net, new Adam(), tenClasses, new())).Message);
    }
}

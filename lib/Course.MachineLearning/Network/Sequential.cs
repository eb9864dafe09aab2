using Course.MachineLearning.Data;

namespace Course.MachineLearning.Network;

/// <summary>Layers applied in order; backward runs them in reverse (the chain rule).</summary>
public sealed class Sequential(IReadOnlyList<ILayer> layers)
{
    public IReadOnlyList<ILayer> Layers { get; } = layers.Count > 0 ? layers : throw new ArgumentException("A network needs at least one layer.", nameof(layers));
    public IEnumerable<Parameter> Parameters => Layers.SelectMany(l => l.Parameters);
    public int Inputs => Layers.OfType<Dense>().First().Inputs;
    public int Outputs => Layers.OfType<Dense>().Last().Outputs;

    /// <summary>
    /// A multilayer perceptron: Dense → activation for each hidden size, then a final Dense to the class scores
    /// (softmax lives in the loss). Initialisation follows the activation (He for ReLU, Xavier otherwise).
    /// </summary>
    public static Sequential Mlp(int[] sizes, Activation activation, int seed, Initialization? init = null)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Length < 2) throw new ArgumentException("Give at least input and output sizes, e.g. [64, 32, 10].", nameof(sizes));
        var rng = new Random(seed);
        var scheme = init ?? Initializer.For(activation);
        var layers = new List<ILayer>();
        for (var k = 0; k + 1 < sizes.Length; k++)
        {
            var last = k + 2 == sizes.Length;
            layers.Add(new Dense(sizes[k], sizes[k + 1], last ? Initialization.XavierUniform : scheme, rng));
            if (!last) layers.Add(ActivationLayer.Create(activation));
        }
        ((Dense)layers[0]).ComputeInputGradient = false;
        return new Sequential(layers);
    }

    public Matrix Forward(Matrix x)
    {
        foreach (var layer in Layers) x = layer.Forward(x);
        return x;
    }

    /// <summary>Backpropagates ∂L/∂output through every layer, leaving each parameter's gradient filled in.</summary>
    public void Backward(Matrix gradient)
    {
        Matrix? g = gradient;
        for (var k = Layers.Count - 1; k >= 0 && g is not null; k--) g = Layers[k].Backward(g);
    }

    /// <summary>Forward, loss, backward: leaves ∂L/∂θ in every parameter and returns L.</summary>
    public double LossAndGradients(Matrix x, ReadOnlySpan<int> labels)
    {
        var (loss, grad) = SoftmaxCrossEntropy.Evaluate(Forward(x), labels);
        Backward(grad);
        return loss;
    }

    public int[] Predict(Matrix x)
    {
        Check.NotEmpty(x, nameof(x));
        Check.Features(x, Inputs, nameof(x));
        return OneHot.ArgMax(Forward(x));
    }

    public Matrix Probabilities(Matrix x) => SoftmaxCrossEntropy.Softmax(Forward(x));

    public double Accuracy(ClassificationData data)
    {
        var p = Predict(data.Features);
        return p.Zip(data.Labels).Count(t => t.First == t.Second) / (double)data.Count;
    }

    public override string ToString() => string.Join(" → ", Layers.Select(l => l.Name));
}

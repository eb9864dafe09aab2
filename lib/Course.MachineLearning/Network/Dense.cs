using Course.MachineLearning.Data;
using System.Numerics.Tensors;

namespace Course.MachineLearning.Network;

/// <summary>
/// A fully connected layer: Y = X·W + b for a batch X (n × in), W (in × out), b (1 × out).
/// Backward, from ∂L/∂Y: ∂L/∂W = Xᵀ·∂L/∂Y, ∂L/∂b = Σ_rows ∂L/∂Y, ∂L/∂X = ∂L/∂Y·Wᵀ.
/// </summary>
public sealed class Dense : ILayer
{
    private Matrix? _input;

    public Dense(int inputs, int outputs, Initialization init, Random rng)
    {
        if (inputs < 1 || outputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), $"A dense layer needs ≥ 1 input and output (got {inputs}→{outputs}).");
        Weights = new Parameter("W", new Matrix(inputs, outputs));
        Bias = new Parameter("b", new Matrix(1, outputs)); // biases start at 0 (both papers do)
        for (var i = 0; i < Weights.Value.Values.Length; i++) Weights.Value.Values[i] = Initializer.Sample(init, inputs, outputs, rng);
        Parameters = [Weights, Bias];
    }

    public Parameter Weights { get; }
    public Parameter Bias { get; }
    public int Inputs => Weights.Value.Rows;
    public int Outputs => Weights.Value.Cols;
    public string Name => $"Dense {Inputs}→{Outputs}";

    /// <summary>
    /// False for a network's first layer: nothing upstream needs ∂L/∂X of the raw data, and skipping G·Wᵀ saves a
    /// third of that layer's backward work. Backward then returns null.
    /// </summary>
    public bool ComputeInputGradient { get; set; } = true;
    public IReadOnlyList<Parameter> Parameters { get; }

    public Matrix Forward(Matrix input)
    {
        Check.Features(input, Inputs, Name + " input");
        _input = input;
        var y = Matrix.Multiply(input, Weights.Value);
        var b = Bias.Value.RowReadOnly(0);
        for (var i = 0; i < y.Rows; i++) TensorPrimitives.Add(y.Row(i), b, y.Row(i));
        return y;
    }

    public Matrix? Backward(Matrix outputGradient)
    {
        var x = _input ?? throw new InvalidOperationException($"{Name}: Backward before Forward.");
        if (outputGradient.Rows != x.Rows || outputGradient.Cols != Outputs)
            throw new ArgumentException($"{Name}: gradient is {outputGradient.Rows}×{outputGradient.Cols}, expected {x.Rows}×{Outputs}.", nameof(outputGradient));
        Matrix.TransposeMultiply(x, outputGradient).Values.CopyTo(Weights.Gradient.Values, 0);
        var db = Bias.Gradient.Row(0);
        db.Clear();
        for (var i = 0; i < outputGradient.Rows; i++) TensorPrimitives.Add(db, outputGradient.RowReadOnly(i), db);
        return ComputeInputGradient ? Matrix.MultiplyTranspose(outputGradient, Weights.Value) : null;
    }
}

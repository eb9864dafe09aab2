using Course.MachineLearning.Data;
using System.Numerics.Tensors;

namespace Course.MachineLearning.Network;

public enum Activation
{
    Relu,
    Tanh,
    Sigmoid,
}

/// <summary>
/// An element-wise nonlinearity y = f(x); backward multiplies ∂L/∂y by f′ element by element. Each derivative is
/// written in whatever Forward kept cheapest: ReLU′ from x, tanh′ = 1 − y², σ′ = y(1 − y).
/// </summary>
public abstract class ActivationLayer : ILayer
{
    protected Matrix? Input;
    protected Matrix? Output;

    public abstract string Name { get; }
    public IReadOnlyList<Parameter> Parameters => [];

    public static ActivationLayer Create(Activation activation) => activation switch
    {
        Activation.Relu => new ReluLayer(),
        Activation.Tanh => new TanhLayer(),
        Activation.Sigmoid => new SigmoidLayer(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    public Matrix Forward(Matrix input)
    {
        Input = input;
        Output = new Matrix(input.Rows, input.Cols);
        Apply(input.Values, Output.Values);
        return Output;
    }

    public Matrix Backward(Matrix outputGradient)
    {
        if (Output is null) throw new InvalidOperationException($"{Name}: Backward before Forward.");
        if (outputGradient.Rows != Output.Rows || outputGradient.Cols != Output.Cols)
            throw new ArgumentException($"{Name}: gradient is {outputGradient.Rows}×{outputGradient.Cols}, expected {Output.Rows}×{Output.Cols}.", nameof(outputGradient));
        var derivative = new double[Output.Values.Length];
        Derivative(derivative);
        var g = new Matrix(Output.Rows, Output.Cols);
        TensorPrimitives.Multiply(outputGradient.Values, derivative, g.Values);
        return g;
    }

    protected abstract void Apply(ReadOnlySpan<double> x, Span<double> y);

    /// <summary>Writes f′ at the last forward input into <paramref name="d"/>.</summary>
    protected abstract void Derivative(Span<double> d);
}

public sealed class ReluLayer : ActivationLayer
{
    public override string Name => "ReLU";
    protected override void Apply(ReadOnlySpan<double> x, Span<double> y) => TensorPrimitives.Max(x, 0.0, y);

    protected override void Derivative(Span<double> d)
    {
        var x = Input!.Values;
        for (var i = 0; i < d.Length; i++) d[i] = x[i] > 0 ? 1 : 0; // the kink at 0 gets the subgradient 0, as PyTorch does
    }
}

public sealed class TanhLayer : ActivationLayer
{
    public override string Name => "tanh";
    protected override void Apply(ReadOnlySpan<double> x, Span<double> y) => TensorPrimitives.Tanh(x, y);

    protected override void Derivative(Span<double> d)
    {
        TensorPrimitives.Multiply(Output!.Values, Output.Values, d); // y²
        TensorPrimitives.Subtract(1.0, d, d);                         // 1 − y²
    }
}

public sealed class SigmoidLayer : ActivationLayer
{
    public override string Name => "sigmoid";
    protected override void Apply(ReadOnlySpan<double> x, Span<double> y) => TensorPrimitives.Sigmoid(x, y);

    protected override void Derivative(Span<double> d)
    {
        TensorPrimitives.Subtract(1.0, Output!.Values, d);   // 1 − y
        TensorPrimitives.Multiply(Output.Values, d, d);      // y(1 − y)
    }
}

using Course.MachineLearning.Data;

namespace Course.MachineLearning.Network;

/// <summary>A trainable tensor and the gradient of the loss with respect to it (filled by Backward).</summary>
public sealed class Parameter(string name, Matrix value)
{
    public string Name { get; } = name;
    public Matrix Value { get; } = value;
    public Matrix Gradient { get; } = new(value.Rows, value.Cols);

    public override string ToString() => $"{Name} {Value.Rows}×{Value.Cols}";
}

using Course.MachineLearning.Data;
using System.Numerics.Tensors;

namespace Course.MachineLearning.Network;

/// <summary>
/// Softmax followed by cross-entropy, fused: L = −(1/n) Σ_i log softmax(z_i)[y_i]. Fused because the gradient then
/// collapses to (softmax(z) − onehot(y)) / n (Bishop, PRML eq. 4.109) — no division by tiny probabilities.
/// Log-softmax subtracts the row maximum first so exp never overflows.
/// </summary>
public static class SoftmaxCrossEntropy
{
    public static Matrix Softmax(Matrix logits)
    {
        var p = new Matrix(logits.Rows, logits.Cols);
        for (var i = 0; i < logits.Rows; i++)
        {
            var row = p.Row(i);
            TensorPrimitives.Subtract(logits.RowReadOnly(i), TensorPrimitives.Max(logits.RowReadOnly(i)), row);
            TensorPrimitives.Exp(row, row);
            TensorPrimitives.Divide(row, TensorPrimitives.Sum<double>(row), row);
        }
        return p;
    }

    /// <summary>The mean loss over the batch and ∂L/∂logits.</summary>
    public static (double Loss, Matrix Gradient) Evaluate(Matrix logits, ReadOnlySpan<int> labels)
    {
        if (logits.Rows != labels.Length)
            throw new ArgumentException($"Shape mismatch: {logits.Rows} rows of scores but {labels.Length} labels.", nameof(labels));
        var loss = 0.0;
        var grad = Softmax(logits);
        for (var i = 0; i < logits.Rows; i++)
        {
            if ((uint)labels[i] >= (uint)logits.Cols)
                throw new ArgumentException($"Label {labels[i]} at row {i} is outside 0..{logits.Cols - 1}.", nameof(labels));
            var z = logits.RowReadOnly(i);
            var max = TensorPrimitives.Max(z);
            var logSumExp = max + Math.Log(SumExp(z, max));
            loss += logSumExp - z[labels[i]];
            grad[i, labels[i]] -= 1;
        }
        TensorPrimitives.Multiply(grad.Values, 1.0 / logits.Rows, grad.Values);
        return (loss / logits.Rows, grad);
    }

    private static double SumExp(ReadOnlySpan<double> z, double max)
    {
        var sum = 0.0;
        foreach (var v in z) sum += Math.Exp(v - max);
        return sum;
    }
}

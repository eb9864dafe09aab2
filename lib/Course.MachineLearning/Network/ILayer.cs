using Course.MachineLearning.Data;

namespace Course.MachineLearning.Network;

/// <summary>
/// One stage of a feed-forward network. Forward keeps what Backward needs (its input or output); Backward takes
/// ∂L/∂output, fills each parameter's gradient and returns ∂L/∂input — the chain rule, one layer at a time
/// (Rumelhart, Hinton &amp; Williams 1986; Goodfellow et al. §6.5).
/// </summary>
public interface ILayer
{
    string Name { get; }
    IReadOnlyList<Parameter> Parameters { get; }
    Matrix Forward(Matrix input);
    /// <returns>∂L/∂input, or null from a first layer that was told nobody needs it.</returns>
    Matrix? Backward(Matrix outputGradient);
}

using System.Numerics.Tensors;

namespace Course.MachineLearning.Network;

/// <summary>Updates parameters from their gradients; keeps per-parameter state (velocity, moments) between steps.</summary>
public interface IOptimizer
{
    double LearningRate { get; }
    void Step(IEnumerable<Parameter> parameters);
}

/// <summary>
/// SGD with (heavy-ball) momentum in PyTorch's form: v ← μv + g, θ ← θ − ηv (Sutskever et al. 2013 write the
/// equivalent v ← μv − ηg, θ ← θ + v). μ = 0 is plain SGD.
/// </summary>
public sealed class Sgd : IOptimizer
{
    private readonly Dictionary<Parameter, double[]> _velocity = [];

    public Sgd(double learningRate, double momentum = 0)
    {
        LearningRate = Data.Check.LearningRate(learningRate);
        if (momentum is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1).");
        Momentum = momentum;
    }

    public double LearningRate { get; }
    public double Momentum { get; }

    public void Step(IEnumerable<Parameter> parameters)
    {
        foreach (var p in parameters)
        {
            var g = p.Gradient.Values;
            if (Momentum > 0)
            {
                if (!_velocity.TryGetValue(p, out var v)) _velocity[p] = v = new double[g.Length];
                TensorPrimitives.MultiplyAdd(v, Momentum, g, v); // v = μv + g
                g = v;
            }
            TensorPrimitives.MultiplyAdd(g, -LearningRate, p.Value.Values, p.Value.Values);
        }
    }
}

/// <summary>
/// Adam (Kingma &amp; Ba 2015, Algorithm 1): running means of g and g², bias-corrected, then
/// θ ← θ − η m̂ / (√v̂ + ε). Defaults are the paper's (and PyTorch's).
/// </summary>
public sealed class Adam : IOptimizer
{
    private readonly Dictionary<Parameter, (double[] M, double[] V, double[] Scratch)> _moments = [];
    private int _t;

    public Adam(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        LearningRate = Data.Check.LearningRate(learningRate);
        if (beta1 is < 0 or >= 1 || beta2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta1), "β1 and β2 must be in [0, 1).");
        (Beta1, Beta2, Epsilon) = (beta1, beta2, epsilon);
    }

    public double LearningRate { get; }
    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }

    public void Step(IEnumerable<Parameter> parameters)
    {
        _t++;
        var correction1 = 1 - Math.Pow(Beta1, _t);
        var correction2 = 1 - Math.Pow(Beta2, _t);
        foreach (var p in parameters)
        {
            var g = p.Gradient.Values;
            if (!_moments.TryGetValue(p, out var s)) _moments[p] = s = (new double[g.Length], new double[g.Length], new double[g.Length]);
            var step = s.Scratch;
            TensorPrimitives.Multiply(s.M, Beta1, s.M);
            TensorPrimitives.MultiplyAdd(g, 1 - Beta1, s.M, s.M);        // m = β1 m + (1−β1) g
            TensorPrimitives.Multiply(g, g, step);
            TensorPrimitives.Multiply(s.V, Beta2, s.V);
            TensorPrimitives.MultiplyAdd(step, 1 - Beta2, s.V, s.V);     // v = β2 v + (1−β2) g²
            TensorPrimitives.Divide(s.V, correction2, step);
            TensorPrimitives.Sqrt(step, step);
            TensorPrimitives.Add(step, Epsilon, step);                    // √v̂ + ε
            TensorPrimitives.Divide(s.M, step, step);
            TensorPrimitives.MultiplyAdd(step, -LearningRate / correction1, p.Value.Values, p.Value.Values);
        }
    }
}

using Course.MachineLearning.Data;
using Course.MachineLearning.Network;
using Course.Simulation.Exercises;

namespace Course.MachineLearning.Exercises;

/// <summary>
/// Week 2's exercise: backpropagation through one dense layer Y = X·W + b. Given X (n×in), W (in×out) and
/// G = ∂L/∂Y (n×out), return ∂L/∂W = XᵀG, ∂L/∂b = column sums of G (1×out) and ∂L/∂X = G·Wᵀ.
/// The checker judges each against central finite differences — the same test the library's own layers pass —
/// so a transposed or mis-summed gradient fails with the entry that is wrong.
/// </summary>
public static class DenseBackwardExercise
{
    public delegate (Matrix dW, Matrix dB, Matrix dX) Backward(Matrix x, Matrix w, Matrix outputGradient);

    /// <summary>The reference solution (the library's <see cref="Dense"/> layer does the same).</summary>
    public static (Matrix dW, Matrix dB, Matrix dX) Reference(Matrix x, Matrix w, Matrix outputGradient)
    {
        var dB = new Matrix(1, w.Cols);
        for (var i = 0; i < outputGradient.Rows; i++)
            for (var j = 0; j < w.Cols; j++) dB[0, j] += outputGradient[i, j];
        return (Matrix.TransposeMultiply(x, outputGradient), dB, Matrix.MultiplyTranspose(outputGradient, w));
    }

    public static IReadOnlyList<ScenarioVerdict> Check(Backward backward, int seeds = 5)
    {
        ArgumentNullException.ThrowIfNull(backward);
        return
        [
            Scenario("∂L/∂W matches finite differences", seeds, backward, 4, 3, 2, r => r.dW, p => p.W),
            Scenario("∂L/∂b matches finite differences", seeds, backward, 4, 3, 2, r => r.dB, p => p.B),
            Scenario("∂L/∂X matches finite differences", seeds, backward, 4, 3, 2, r => r.dX, p => p.X),
            Scenario("a batch of one example", seeds, backward, 1, 5, 3, r => r.dW, p => p.W),
            Scenario("a wide layer (in < out)", seeds, backward, 3, 2, 6, r => r.dX, p => p.X),
        ];
    }

    private sealed record Problem(Matrix X, Matrix W, Matrix B, Matrix R);

    /// <summary>L = Σ R ⊙ (XW + b) for a random R, so ∂L/∂Y = R; compares one returned gradient with numeric ones.</summary>
    private static ScenarioVerdict Scenario(string name, int seeds, Backward backward, int n, int inputs, int outputs,
        Func<(Matrix dW, Matrix dB, Matrix dX), Matrix> pick, Func<Problem, Matrix> wrt) =>
        ExerciseChecker.RunScenario(name, seeds, seed =>
        {
            var rng = new Random(seed);
            Matrix Random(int r, int c) => new(r, c, Enumerable.Range(0, r * c).Select(_ => Synthetic.Gaussian(rng)).ToArray());
            var p = new Problem(Random(n, inputs), Random(inputs, outputs), Random(1, outputs), Random(n, outputs));
            double Loss()
            {
                var y = Matrix.Multiply(p.X, p.W);
                var sum = 0.0;
                for (var i = 0; i < n; i++)
                    for (var j = 0; j < outputs; j++) sum += p.R[i, j] * (y[i, j] + p.B[0, j]);
                return sum;
            }
            var answer = pick(backward(p.X.Clone(), p.W.Clone(), p.R.Clone()));
            var target = wrt(p);
            if (answer is null || answer.Rows != target.Rows || answer.Cols != target.Cols)
                return $"expected a {target.Rows}×{target.Cols} matrix, got {(answer is null ? "null" : $"{answer.Rows}×{answer.Cols}")}";
            for (var k = 0; k < target.Values.Length; k++)
            {
                var numeric = GradientCheck.CentralDifference(target.Values, k, Loss);
                if (GradientCheck.RelativeError(answer.Values[k], numeric) > 1e-6)
                    return $"entry [{k / target.Cols}, {k % target.Cols}]: yours {answer.Values[k]:G6}, finite differences {numeric:G6}";
            }
            return null;
        });
}

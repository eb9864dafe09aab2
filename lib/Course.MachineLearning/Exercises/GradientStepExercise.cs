using Course.MachineLearning.Data;
using Course.MachineLearning.Regression;
using Course.Simulation.Exercises;

namespace Course.MachineLearning.Exercises;

/// <summary>
/// Week 1's exercise: write one step of batch gradient descent for linear regression on
/// J(w, b) = (1/2n)‖Xw + b − y‖², i.e. w ← w − η·(1/n)Xᵀr and b ← b − η·mean(r) with r = Xw + b − y.
/// The checker compares the learner's step with <see cref="Reference"/> on seeded problems, then runs it for
/// many steps to see it converge to the normal-equation solution.
/// </summary>
public static class GradientStepExercise
{
    /// <summary>x, y, current w and b, learning rate η → the new (w, b). Must not modify its inputs.</summary>
    public delegate (double[] W, double B) Step(Matrix x, double[] y, double[] w, double b, double learningRate);

    /// <summary>The reference solution.</summary>
    public static (double[] W, double B) Reference(Matrix x, double[] y, double[] w, double b, double learningRate)
    {
        var gradW = new double[w.Length];
        var all = Enumerable.Range(0, x.Rows).ToArray();
        var gradB = GradientDescent.Gradient(x, y, w, b, l2: 0, all, gradW);
        return (w.Zip(gradW, (wj, gj) => wj - learningRate * gj).ToArray(), b - learningRate * gradB);
    }

    public static IReadOnlyList<ScenarioVerdict> Check(Step step, int seeds = 5)
    {
        ArgumentNullException.ThrowIfNull(step);
        return
        [
            ExerciseChecker.RunScenario("one step matches the reference", seeds, seed =>
            {
                var (x, y, w, b) = Problem(seed);
                var expected = Reference(x, y, w, b, 0.1);
                var actual = step(x, y, (double[])w.Clone(), b, 0.1);
                return Compare(expected, actual, 1e-9);
            }),
            ExerciseChecker.RunScenario("the learning rate scales the step", seeds, seed =>
            {
                var (x, y, w, b) = Problem(seed);
                var small = step(x, y, (double[])w.Clone(), b, 0.01);
                var large = step(x, y, (double[])w.Clone(), b, 0.02);
                return Compare((w.Select((wj, j) => wj + 2 * (small.W[j] - wj)).ToArray(), b + 2 * (small.B - b)), large, 1e-9);
            }),
            ExerciseChecker.RunScenario("at the least-squares optimum the step is zero", seeds, seed =>
            {
                var (x, y, _, _) = Problem(seed);
                var optimum = NormalEquations.Fit(x, y);
                return Compare((optimum.Weights, optimum.Bias), step(x, y, (double[])optimum.Weights.Clone(), optimum.Bias, 0.1), 1e-9);
            }),
            ExerciseChecker.RunScenario("inputs are left unchanged", seeds, seed =>
            {
                var (x, y, w, b) = Problem(seed);
                var (xs, ys, ws) = ((double[])x.Values.Clone(), (double[])y.Clone(), (double[])w.Clone());
                step(x, y, w, b, 0.1);
                return xs.SequenceEqual(x.Values) && ys.SequenceEqual(y) && ws.SequenceEqual(w) ? null : "the step modified x, y or w in place";
            }),
            ExerciseChecker.RunScenario("500 steps converge to the normal equations", seeds, seed =>
            {
                var (x, y, w, b) = Problem(seed);
                for (var t = 0; t < 500; t++) (w, b) = step(x, y, w, b, 0.5);
                var optimum = NormalEquations.Fit(x, y);
                return Compare((optimum.Weights, optimum.Bias), (w, b), 1e-6);
            }),
        ];
    }

    /// <summary>A small standardised-scale problem with a random starting point.</summary>
    private static (Matrix X, double[] Y, double[] W, double B) Problem(int seed)
    {
        var rng = new Random(seed);
        var truth = Enumerable.Range(0, 3).Select(_ => Synthetic.Gaussian(rng) * 2).ToArray();
        var data = Synthetic.LinearWithNoise(30, truth, bias: rng.NextDouble() * 4 - 2, noise: 0.1, seed: seed);
        return (data.Features, data.Targets, truth.Select(_ => Synthetic.Gaussian(rng)).ToArray(), Synthetic.Gaussian(rng));
    }

    private static string? Compare((double[] W, double B) expected, (double[] W, double B) actual, double tolerance)
    {
        if (actual.W is null || actual.W.Length != expected.W.Length) return $"expected {expected.W.Length} weights, got {actual.W?.Length ?? 0}";
        for (var j = 0; j < expected.W.Length; j++)
            if (!(Math.Abs(expected.W[j] - actual.W[j]) <= tolerance)) return $"w[{j}]: expected {expected.W[j]:G6}, got {actual.W[j]:G6}";
        return Math.Abs(expected.B - actual.B) <= tolerance ? null : $"b: expected {expected.B:G6}, got {actual.B:G6}";
    }
}

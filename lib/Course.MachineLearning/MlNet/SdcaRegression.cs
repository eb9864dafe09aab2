using Course.MachineLearning.Data;
using Course.MachineLearning.Regression;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace Course.MachineLearning.MlNet;

/// <summary>
/// The production equivalent of our regression: ML.NET's SDCA (stochastic dual coordinate ascent, Shalev-Shwartz
/// &amp; Zhang 2013) on squared loss. It works in float32 and stops at a duality-gap tolerance, so its coefficients
/// agree with the exact normal-equation solution to a few decimals, not to the last bit.
/// ML.NET's objective is (1/n)Σ(ŷ−y)² + (λ′/2)‖w‖²; ours is (1/2n)Σ(ŷ−y)² + (λ/2)‖w‖², so λ′ = 2λ gives the same
/// minimiser. Tiny λ′ makes the dual ill-posed and SDCA blows up (verified: 1e-6 gave weights of 1e14), hence the floor.
/// </summary>
public static class SdcaRegression
{
    public const double MinimumL2 = 1e-3;

    /// <param name="l2">λ in the course's J(w, b) — the same value <see cref="NormalEquations.Fit"/> takes.</param>
    public static LinearModel Fit(Matrix x, ReadOnlySpan<double> y, double l2 = 0.005, int maxIterations = 1000, int seed = 1)
    {
        Check.Supervised(x, y);
        if (!(l2 >= MinimumL2)) throw new ArgumentOutOfRangeException(nameof(l2), l2, $"SDCA needs l2 ≥ {MinimumL2} (a positive L2 term is what makes its dual well posed).");
        var ml = new MLContext(seed);
        var data = MlNetData.Regression(ml, x, y);
        var trainer = ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
        {
            L2Regularization = (float)(2 * l2),
            L1Regularization = 0,
            MaximumNumberOfIterations = maxIterations,
            ConvergenceTolerance = 1e-6f,
            NumberOfThreads = 1, // deterministic: multi-threaded SDCA depends on scheduling
        });
        var model = trainer.Fit(data).Model;
        return new LinearModel(model.Weights.Select(w => (double)w).ToArray(), model.Bias);
    }
}

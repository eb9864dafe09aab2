using Course.MachineLearning.Data;
using Course.MachineLearning.MlNet;
using Course.MachineLearning.Regression;
using Xunit.Abstractions;

namespace Course.MachineLearning.Tests;

/// <summary>
/// Linear regression fitted four ways must agree: the normal equations are the oracle. The comparisons use mpg ~
/// weight + model year (R² ≈ 0.81): with all six columns, cylinders/displacement/horsepower/weight are so collinear
/// that the loss surface is a long flat valley and any iterative method stops at a different point along it.
/// </summary>
public class RegressionTests(ITestOutputHelper output)
{
    private static (Matrix X, double[] Y) StandardisedCars()
    {
        var cars = DataFiles.Cars().Columns("Weight_in_lbs", "Year");
        return (Standardizer.Fit(cars.Features).Transform(cars.Features), cars.Targets);
    }

    [Fact]
    public void Normal_equations_recover_a_noiseless_line_exactly()
    {
        var data = Synthetic.LinearWithNoise(40, [2.0, -3.0], bias: 5, noise: 0, seed: 11);
        var model = NormalEquations.Fit(data.Features, data.Targets);
        Assert.Equal(2.0, model.Weights[0], 10);
        Assert.Equal(-3.0, model.Weights[1], 10);
        Assert.Equal(5.0, model.Bias, 10);
    }

    [Fact]
    public void Ridge_matches_the_one_dimensional_closed_form()
    {
        // centred x: w = Σxy / (Σx² + nλ), b = mean(y)
        var x = Matrix.FromRows([[-1.0], [0.0], [1.0]]);
        double[] y = [1, 2, 4];
        var model = NormalEquations.Fit(x, y, l2: 0.5);
        Assert.Equal(3 / (2 + 3 * 0.5), model.Weights[0], 12);
        Assert.Equal(7 / 3.0, model.Bias, 12);
    }

    [Fact]
    public void Normal_equations_on_cars_explain_about_four_fifths_of_the_variance()
    {
        var cars = DataFiles.Cars();
        var x = Standardizer.Fit(cars.Features).Transform(cars.Features);
        var y = cars.Targets;
        var model = NormalEquations.Fit(x, y);
        output.WriteLine($"w = [{string.Join(", ", model.Weights.Select(w => w.ToString("F3")))}], b = {model.Bias:F3}");
        Assert.InRange(model.RSquared(x, y), 0.80, 0.83); // the textbook auto-mpg R² is 0.821
        Assert.Equal(y.Average(), model.Bias, 9);        // standardised features: the intercept is the mean
    }

    public static TheoryData<string, GradientDescentOptions, double> Variants => new()
    {
        // tolerance on every standardised coefficient (mpg per standard deviation)
        { "batch", GradientDescentOptions.Batch(0.3, 5000), 1e-3 },
        { "mini-batch 32, 1/t decay", GradientDescentOptions.MiniBatch(0.05, 400, 32, seed: 3) with { Schedule = new LearningRateSchedule.InverseTime(0.05, 0.05) }, 0.05 },
        { "stochastic, 1/t decay", GradientDescentOptions.Stochastic(0.01, 200, seed: 3) with { Schedule = new LearningRateSchedule.InverseTime(0.01, 0.1) }, 0.05 },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Gradient_descent_agrees_with_the_normal_equations(string variant, GradientDescentOptions options, double tolerance)
    {
        var (x, y) = StandardisedCars();
        var exact = NormalEquations.Fit(x, y);
        var fitted = GradientDescent.Fit(x, y, options).Model;
        output.WriteLine($"{variant}: max |Δw| = {exact.Weights.Zip(fitted.Weights).Max(p => Math.Abs(p.First - p.Second)):G3}");
        AssertClose(exact, fitted, tolerance);
    }

    [Fact]
    public void Gradient_descent_with_l2_agrees_with_ridge()
    {
        var (x, y) = StandardisedCars();
        var options = GradientDescentOptions.Batch(0.3, 3000) with { L2 = 0.1 };
        AssertClose(NormalEquations.Fit(x, y, l2: 0.1), GradientDescent.Fit(x, y, options).Model, 1e-6);
        Assert.True(NormalEquations.Fit(x, y, l2: 0.1).Weights.Sum(Math.Abs) < NormalEquations.Fit(x, y).Weights.Sum(Math.Abs));
    }

    [Fact]
    public void Loss_decreases_every_epoch_for_batch_descent_below_the_stability_limit()
    {
        var (x, y) = StandardisedCars();
        var loss = GradientDescent.Fit(x, y, GradientDescentOptions.Batch(0.1, 100)).Loss;
        for (var t = 1; t < loss.Count; t++) Assert.True(loss[t] <= loss[t - 1] + 1e-12, $"epoch {t}: {loss[t]} > {loss[t - 1]}");
    }

    [Fact]
    public void Mlnet_sdca_agrees_with_ridge_normal_equations_within_a_hundredth_of_an_mpg_per_sd()
    {
        var (x, y) = StandardisedCars();
        var exact = NormalEquations.Fit(x, y, l2: 0.005);
        var sdca = SdcaRegression.Fit(x, y, l2: 0.005);
        output.WriteLine($"exact w = [{string.Join(", ", exact.Weights.Select(w => w.ToString("F4")))}], b = {exact.Bias:F4}");
        output.WriteLine($"sdca w = [{string.Join(", ", sdca.Weights.Select(w => w.ToString("F3")))}], b = {sdca.Bias:F3}");
        AssertClose(exact, sdca, 0.01); // float32 and a duality-gap stop (measured: 3e-4)
    }

    private static void AssertClose(LinearModel expected, LinearModel actual, double tolerance)
    {
        for (var j = 0; j < expected.Weights.Length; j++)
            Assert.True(Math.Abs(expected.Weights[j] - actual.Weights[j]) <= tolerance,
                $"w[{j}]: expected {expected.Weights[j]:F4}, got {actual.Weights[j]:F4} (tolerance {tolerance})");
        Assert.True(Math.Abs(expected.Bias - actual.Bias) <= tolerance, $"b: expected {expected.Bias:F4}, got {actual.Bias:F4}");
    }
}

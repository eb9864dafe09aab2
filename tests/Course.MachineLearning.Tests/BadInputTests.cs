using Course.MachineLearning.Data;
using Course.MachineLearning.Regression;

namespace Course.MachineLearning.Tests;

/// <summary>Empty data, NaN, mismatched shapes and a learning rate ≤ 0 are rejected with a message naming the problem.</summary>
public class BadInputTests
{
    private static readonly Matrix TwoRows = Matrix.FromRows([[1.0], [2.0]]);

    [Fact]
    public void Empty_dataset_is_named()
    {
        var e = Assert.Throws<ArgumentException>(() => NormalEquations.Fit(new Matrix(0, 2), []));
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void NaN_input_names_its_row_and_column()
    {
        var x = Matrix.FromRows([[1.0, 2.0], [3.0, double.NaN]]);
        var e = Assert.Throws<ArgumentException>(() => GradientDescent.Fit(x, [1.0, 2.0], GradientDescentOptions.Batch(0.1, 5)));
        Assert.Contains("row 1, column 1", e.Message);
        var t = Assert.Throws<ArgumentException>(() => NormalEquations.Fit(TwoRows, [1.0, double.PositiveInfinity]));
        Assert.Contains("targets", t.Message);
    }

    [Fact]
    public void Mismatched_shapes_are_named()
    {
        var e = Assert.Throws<ArgumentException>(() => NormalEquations.Fit(TwoRows, [1.0, 2.0, 3.0]));
        Assert.Contains("Shape mismatch: 2 feature rows but 3 targets", e.Message);
        var model = new LinearModel([1.0, 2.0], 0);
        Assert.Contains("expects 2", Assert.Throws<ArgumentException>(() => model.Predict(TwoRows)).Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Learning_rate_must_be_positive(double rate)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => GradientDescent.Fit(TwoRows, [1.0, 2.0], GradientDescentOptions.Batch(rate, 5)));
        Assert.Contains("learning rate must be positive", e.Message);
    }

    [Fact]
    public void Collinear_features_are_reported_not_solved_into_nonsense()
    {
        var x = Matrix.FromRows([[1, 2], [2, 4], [3, 6]]);
        var e = Assert.Throws<ArgumentException>(() => NormalEquations.Fit(x, [1.0, 2.0, 3.0]));
        Assert.Contains("collinear", e.Message);
        var ridge = NormalEquations.Fit(x, [1.0, 2.0, 3.0], l2: 0.01); // L2 makes it solvable
        Assert.All(ridge.Weights, w => Assert.True(double.IsFinite(w)));
    }

    [Fact]
    public void Divergence_is_detected_and_reported_with_the_epoch_and_rate()
    {
        var cars = DataFiles.Cars(); // unscaled: weight in thousands of lbs makes the curvature huge
        var e = Assert.Throws<TrainingDivergedException>(() => GradientDescent.Fit(cars.Features, cars.Targets, GradientDescentOptions.Batch(0.01, 50)));
        Assert.Contains("diverged at epoch", e.Message);
        Assert.Equal(0.01, e.LearningRate);
        Assert.True(e.Epoch < 50);
    }
}

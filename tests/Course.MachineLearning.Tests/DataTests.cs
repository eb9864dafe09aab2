using Course.MachineLearning.Data;

namespace Course.MachineLearning.Tests;

public class DataTests
{
    [Fact]
    public void Digits_has_1797_rows_of_64_pixels_with_the_label_counts_of_its_readme()
    {
        var digits = DataFiles.Digits();
        Assert.Equal((1797, 64), (digits.Features.Rows, digits.Features.Cols));
        int[] expected = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]; // data/README.md
        Assert.Equal(expected, Enumerable.Range(0, 10).Select(d => digits.Labels.Count(l => l == d)));
        Assert.InRange(digits.Features.Values.Max(), 16, 16);
        Assert.Equal(5, digits.Features[0, 2]); // first row: 0,0,5,13,...
    }

    [Fact]
    public void Cars_drops_incomplete_rows_leaving_the_usual_392()
    {
        var cars = DataFiles.Cars();
        Assert.Equal(392, cars.Count);
        Assert.Equal(DataFiles.CarFeatures, cars.FeatureNames);
        // chevrolet chevelle malibu: 18 mpg, 8 cyl, 307, 130 hp, 3504 lbs, 12 s, 1970
        Assert.Equal(18, cars.Targets[0]);
        Assert.Equal([8, 307, 130, 3504, 12, 1970], cars.Features.RowReadOnly(0).ToArray());
    }

    [Fact]
    public void Split_is_a_seeded_partition()
    {
        var (train, test) = Split.Indices(100, 0.2, seed: 7);
        Assert.Equal(80, train.Length);
        Assert.Equal(20, test.Length);
        Assert.Equal(Enumerable.Range(0, 100), train.Concat(test).Order());
        Assert.Equal(test, Split.Indices(100, 0.2, seed: 7).Test);
        Assert.NotEqual(test, Split.Indices(100, 0.2, seed: 8).Test);
    }

    [Fact]
    public void Standardizer_gives_zero_mean_unit_variance_and_leaves_constant_columns_finite()
    {
        var x = Matrix.FromRows([[1, 5], [2, 5], [3, 5], [6, 5]]);
        var s = Standardizer.Fit(x);
        Assert.Equal([3.0, 5.0], s.Mean);
        Assert.Equal(Math.Sqrt(3.5), s.Scale[0], 12); // population variance of 1,2,3,6 = 14/4
        Assert.Equal(1.0, s.Scale[1]);
        var z = s.Transform(x);
        Assert.Equal(-2 / Math.Sqrt(3.5), z[0, 0], 12);
        Assert.Equal(0.0, z[2, 1]);
    }

    [Fact]
    public void Unscale_maps_standardised_coefficients_back_to_original_units()
    {
        var s = new Standardizer([10.0], [2.0]);
        // y = 1 + 3·(x−10)/2 = 1.5x − 14
        var (w, b) = s.Unscale([3.0], 1.0);
        Assert.Equal(1.5, w[0]);
        Assert.Equal(-14.0, b);
    }

    [Fact]
    public void OneHot_round_trips_through_argmax()
    {
        var m = OneHot.Encode([2, 0, 1], 3);
        Assert.Equal([0.0, 0, 1, 1, 0, 0, 0, 1, 0], m.Values);
        Assert.Equal([2, 0, 1], OneHot.ArgMax(m));
        Assert.Throws<ArgumentException>(() => OneHot.Encode([3], 3));
    }

    [Fact]
    public void Synthetic_generators_are_seeded_and_shaped_as_named()
    {
        var line = Synthetic.LinearWithNoise(50, [2.0, -1.0], bias: 0.5, noise: 0, seed: 3);
        for (var i = 0; i < 50; i++)
            Assert.Equal(0.5 + 2 * line.Features[i, 0] - line.Features[i, 1], line.Targets[i], 12);

        var moons = Synthetic.TwoMoons(200, 0, seed: 1);
        Assert.Equal(100, moons.Labels.Count(l => l == 0));
        for (var i = 0; i < 200; i += 2) // upper moon: on the unit circle, y ≥ 0
            Assert.Equal(1.0, Math.Sqrt(moons.Features[i, 0] * moons.Features[i, 0] + moons.Features[i, 1] * moons.Features[i, 1]), 12);
        Assert.Equal(moons.Features.Values, Synthetic.TwoMoons(200, 0, seed: 1).Features.Values);

        var spirals = Synthetic.Spirals(300, arms: 3, noise: 0, seed: 1);
        Assert.Equal(3, spirals.Classes);
        Assert.All(Enumerable.Range(0, 300), i => Assert.InRange(spirals.Features[i, 0] * spirals.Features[i, 0] + spirals.Features[i, 1] * spirals.Features[i, 1], 0, 1 + 1e-12));

        var blobs = Synthetic.Blobs(3000, [[0, 0], [10, 10]], spread: 1, seed: 1);
        var centre1 = Enumerable.Range(0, 3000).Where(i => blobs.Labels[i] == 1).Average(i => blobs.Features[i, 0]);
        Assert.InRange(centre1, 9.9, 10.1); // mean of 1,500 N(10, 1) samples: sd 0.026
    }

    [Fact]
    public void Gaussian_samples_have_unit_variance()
    {
        var rng = new Random(5);
        var samples = Enumerable.Range(0, 20_000).Select(_ => Synthetic.Gaussian(rng)).ToArray();
        Assert.InRange(samples.Average(), -0.03, 0.03);
        Assert.InRange(samples.Average(v => v * v), 0.96, 1.04);
    }

    [Fact]
    public void Matrix_products_match_the_definition()
    {
        var a = Matrix.FromRows([[1, 2], [3, 4], [5, 6]]);
        var b = Matrix.FromRows([[7, 8, 9], [10, 11, 12]]);
        Assert.Equal([27.0, 30, 33, 61, 68, 75, 95, 106, 117], Matrix.Multiply(a, b).Values);
        Assert.Equal(Matrix.Multiply(a.Transpose(), a).Values, Matrix.TransposeMultiply(a, a).Values);
        Assert.Equal(Matrix.Multiply(a, a.Transpose()).Values, Matrix.MultiplyTranspose(a, a).Values);
        Assert.Throws<ArgumentException>(() => Matrix.Multiply(a, a));
    }
}

using Course.MachineLearning.Data;
using Course.MachineLearning.MlNet;
using Course.MachineLearning.Regression;
using Course.MachineLearning.Unsupervised;
using Xunit.Abstractions;

namespace Course.MachineLearning.Tests;

public class UnsupervisedTests(ITestOutputHelper output)
{
    private static readonly double[][] Centres = [[0, 0], [10, 0], [0, 10], [10, 10]];

    [Fact]
    public void KMeans_recovers_well_separated_blobs()
    {
        const int seed = 3;
        var blobs = Synthetic.Blobs(400, Centres, spread: 0.8, seed: seed);
        var result = KMeans.Fit(blobs.Features, 4, seed);
        // Each found cluster must be exactly one true blob (a bijection), and each centroid near its blob's centre.
        var mapping = Enumerable.Range(0, 4).Select(c => blobs.Labels[Array.IndexOf(result.Assignments, c)]).ToArray();
        Assert.Equal(4, mapping.Distinct().Count());
        for (var i = 0; i < blobs.Count; i++) Assert.Equal(blobs.Labels[i], mapping[result.Assignments[i]]);
        for (var c = 0; c < 4; c++)
            Assert.True(KMeans.SquaredDistance(result.Centroids.RowReadOnly(c), Centres[mapping[c]]) < 0.1, $"seed {seed}: centroid {c} off");
    }

    [Fact]
    public void Elbow_falls_steeply_until_the_true_k_and_silhouette_peaks_there()
    {
        const int seed = 5;
        var blobs = Synthetic.Blobs(200, Centres, spread: 0.8, seed: seed);
        var elbow = KMeans.Elbow(blobs.Features, 6, seed);
        Assert.True(elbow[2].Inertia / elbow[3].Inertia > 5, "k=3 → 4 should cut inertia sharply");
        Assert.True(elbow[3].Inertia / elbow[4].Inertia < 1.5, "k=4 → 5 should barely help");
        var silhouettes = Enumerable.Range(2, 5).Select(k => (k, s: Silhouette.Mean(blobs.Features, KMeans.Fit(blobs.Features, k, seed).Assignments))).ToList();
        output.WriteLine(string.Join(", ", silhouettes.Select(p => $"k={p.k}: {p.s:F3}")));
        Assert.Equal(4, silhouettes.MaxBy(p => p.s).k);
    }

    [Fact]
    public void Silhouette_matches_a_hand_computation()
    {
        // points 0, 1 | 5: for 0: a = 1, b = 5 → 0.8; for 1: a = 1, b = 4 → 0.75; singleton 5 → 0. Mean = 1.55 / 3.
        var x = Matrix.FromRows([[0.0], [1.0], [5.0]]);
        Assert.Equal(1.55 / 3, Silhouette.Mean(x, [0, 0, 1]), 12);
    }

    [Fact]
    public void Pca_finds_the_direction_of_largest_variance()
    {
        // points spread along (1, 1)/√2 with a little noise across it
        var rng = new Random(1);
        var x = new Matrix(500, 2);
        for (var i = 0; i < 500; i++)
        {
            var t = 3 * Synthetic.Gaussian(rng);
            var s = 0.1 * Synthetic.Gaussian(rng);
            (x[i, 0], x[i, 1]) = (t + s, t - s);
        }
        var pca = Pca.Fit(x, 2);
        Assert.Equal(1 / Math.Sqrt(2), pca.Components[0, 0], 0.01); // a 500-point sample: the direction wobbles ~0.2°
        Assert.Equal(1 / Math.Sqrt(2), pca.Components[0, 1], 0.01);
        Assert.True(pca.ExplainedVarianceRatio[0] > 0.99);
        Assert.Equal(1.0, pca.ExplainedVarianceRatio.Sum(), 9); // 2 of 2 components: all the variance
        var projected = pca.Transform(x);
        Assert.Equal(2, projected.Cols);
        Assert.True(Math.Abs(projected.Column(0).Zip(projected.Column(1), (a, b) => a * b).Average()) < 1e-6); // uncorrelated
    }

    [Fact]
    public void Pca_of_digits_to_two_dimensions_keeps_about_a_fifth_of_the_variance()
    {
        var digits = DataFiles.Digits();
        var pca = Pca.Fit(digits.Features, 2);
        output.WriteLine($"explained: {string.Join(", ", pca.ExplainedVarianceRatio.Select(r => r.ToString("P1")))}");
        Assert.InRange(pca.ExplainedVarianceRatio[0], 0.14, 0.16); // scikit-learn: 14.9%, 13.6%
        Assert.InRange(pca.ExplainedVarianceRatio[1], 0.12, 0.15);
    }

    [Fact]
    public void Logistic_regression_separates_two_blobs_and_fails_on_moons_where_a_network_does_not()
    {
        var blobs = Synthetic.Blobs(200, [[-2, 0], [2, 0]], spread: 0.7, seed: 2);
        var model = LogisticRegression.Fit(blobs, learningRate: 0.5, epochs: 200);
        Assert.True(model.Accuracy(blobs) > 0.99);
        Assert.True(model.Weights[0] > 0); // class 1 is on the right
        for (var t = 1; t < model.Loss.Count; t++) Assert.True(model.Loss[t] <= model.Loss[t - 1] + 1e-12);
        var moons = Synthetic.TwoMoons(200, 0.1, seed: 2);
        Assert.InRange(LogisticRegression.Fit(moons, 0.5, 500).Accuracy(moons), 0.8, 0.92); // a line cannot do better
    }

    [Fact]
    public void Kmeans_rejects_k_out_of_range()
    {
        var x = Matrix.FromRows([[1.0], [2.0]]);
        Assert.Contains("k must be between 1 and", Assert.Throws<ArgumentOutOfRangeException>(() => KMeans.Fit(x, 3, 1)).Message);
    }
}

public class MlNetClassifierTests(ITestOutputHelper output)
{
    [Fact]
    public void Mlnet_maximum_entropy_classifies_digits()
    {
        var (train, test) = Digits.StandardisedSplit(1);
        var accuracy = MlNetClassifier.Fit(train).Accuracy(test);
        output.WriteLine($"ML.NET L-BFGS maximum entropy: {accuracy:P2}");
        Assert.InRange(accuracy, 0.93, 1.0); // a linear model: a point or three under the MLP
    }
}

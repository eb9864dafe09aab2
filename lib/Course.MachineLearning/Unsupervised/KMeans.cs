using Course.MachineLearning.Data;
using System.Numerics.Tensors;

namespace Course.MachineLearning.Unsupervised;

/// <summary>Centroids, the cluster of each point, the inertia (within-cluster sum of squares) and Lloyd iterations used.</summary>
public sealed record KMeansResult(Matrix Centroids, int[] Assignments, double Inertia, int Iterations);

/// <summary>
/// k-means by Lloyd's algorithm (assign each point to its nearest centroid, move each centroid to its points' mean,
/// repeat until no assignment changes), seeded with k-means++ (Arthur &amp; Vassilvitskii 2007): each next centre is
/// drawn with probability ∝ D(x)², the squared distance to the nearest centre so far — O(log k)-competitive in
/// expectation, and far less likely than uniform seeding to put two centres in one blob.
/// </summary>
public static class KMeans
{
    public static KMeansResult Fit(Matrix x, int k, int seed, int maxIterations = 300)
    {
        Check.NotEmpty(x, nameof(x));
        Check.Finite(x, nameof(x));
        if (k < 1 || k > x.Rows) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and the number of points ({x.Rows}).");
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "maxIterations must be at least 1.");
        var centroids = PlusPlus(x, k, new Random(seed));
        var assignments = Enumerable.Repeat(-1, x.Rows).ToArray();
        var iterations = 0;
        for (var changed = true; changed && iterations < maxIterations; iterations++)
        {
            changed = false;
            for (var i = 0; i < x.Rows; i++)
            {
                var nearest = Nearest(centroids, x.RowReadOnly(i)).Index;
                if (nearest != assignments[i]) (assignments[i], changed) = (nearest, true);
            }
            centroids = Means(x, assignments, centroids);
        }
        var inertia = Enumerable.Range(0, x.Rows).Sum(i => Nearest(centroids, x.RowReadOnly(i)).Distance);
        return new KMeansResult(centroids, assignments, inertia, iterations);
    }

    /// <summary>The elbow method's curve: inertia for k = 1..maxK (it always falls; look for where it stops falling fast).</summary>
    public static IReadOnlyList<(int K, double Inertia)> Elbow(Matrix x, int maxK, int seed) =>
        Enumerable.Range(1, maxK).Select(k => (k, Fit(x, k, seed).Inertia)).ToList();

    public static Matrix PlusPlus(Matrix x, int k, Random rng)
    {
        var centroids = new Matrix(k, x.Cols);
        x.RowReadOnly(rng.Next(x.Rows)).CopyTo(centroids.Row(0));
        var d2 = new double[x.Rows];
        for (var c = 1; c < k; c++)
        {
            for (var i = 0; i < x.Rows; i++) d2[i] = Nearest(centroids, x.RowReadOnly(i), c).Distance;
            var total = d2.Sum();
            var pick = rng.NextDouble() * total;
            var chosen = 0;
            for (var acc = d2[0]; acc < pick && chosen < x.Rows - 1; acc += d2[++chosen]) { }
            x.RowReadOnly(chosen).CopyTo(centroids.Row(c));
        }
        return centroids;
    }

    /// <summary>Nearest of the first <paramref name="count"/> centroids and its squared distance.</summary>
    public static (int Index, double Distance) Nearest(Matrix centroids, ReadOnlySpan<double> point, int? count = null)
    {
        var best = (Index: 0, Distance: double.PositiveInfinity);
        for (var c = 0; c < (count ?? centroids.Rows); c++)
        {
            var d = SquaredDistance(centroids.RowReadOnly(c), point);
            if (d < best.Distance) best = (c, d);
        }
        return best;
    }

    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var d = TensorPrimitives.Distance(a, b);
        return d * d;
    }

    private static Matrix Means(Matrix x, int[] assignments, Matrix previous)
    {
        var sums = new Matrix(previous.Rows, x.Cols);
        var counts = new int[previous.Rows];
        for (var i = 0; i < x.Rows; i++)
        {
            TensorPrimitives.Add(sums.Row(assignments[i]), x.RowReadOnly(i), sums.Row(assignments[i]));
            counts[assignments[i]]++;
        }
        for (var c = 0; c < previous.Rows; c++)
            if (counts[c] == 0) previous.RowReadOnly(c).CopyTo(sums.Row(c)); // an emptied cluster keeps its centre
            else TensorPrimitives.Divide(sums.Row(c), counts[c], sums.Row(c));
        return sums;
    }
}

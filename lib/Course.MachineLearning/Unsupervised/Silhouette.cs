using Course.MachineLearning.Data;

namespace Course.MachineLearning.Unsupervised;

/// <summary>
/// The silhouette (Rousseeuw 1987): for point i, a = mean distance to its own cluster, b = mean distance to the
/// nearest other cluster, s = (b − a) / max(a, b) ∈ [−1, 1]. The mean over all points scores a clustering
/// without labels; a singleton cluster's point scores 0 (Rousseeuw's convention). O(n²) — fine for course sizes.
/// </summary>
public static class Silhouette
{
    public static double Mean(Matrix x, int[] assignments)
    {
        Check.NotEmpty(x, nameof(x));
        Check.SameRows(x, assignments.Length, "assignments");
        var k = assignments.Max() + 1;
        if (k < 2) throw new ArgumentException("The silhouette needs at least two clusters.", nameof(assignments));
        var sizes = new int[k];
        foreach (var a in assignments) sizes[a]++;
        var total = 0.0;
        var sums = new double[k];
        for (var i = 0; i < x.Rows; i++)
        {
            Array.Clear(sums);
            for (var j = 0; j < x.Rows; j++)
                if (j != i) sums[assignments[j]] += Math.Sqrt(KMeans.SquaredDistance(x.RowReadOnly(i), x.RowReadOnly(j)));
            var own = assignments[i];
            if (sizes[own] == 1) continue;
            var a = sums[own] / (sizes[own] - 1);
            var b = Enumerable.Range(0, k).Where(c => c != own && sizes[c] > 0).Min(c => sums[c] / sizes[c]);
            total += (b - a) / Math.Max(a, b);
        }
        return total / x.Rows;
    }
}

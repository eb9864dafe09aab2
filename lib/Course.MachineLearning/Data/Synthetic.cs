namespace Course.MachineLearning.Data;

/// <summary>
/// Seeded toy datasets — the shapes every ML course draws: a noisy line, two interleaved moons, spirals, blobs.
/// Gaussian noise by Box–Muller so the numbers depend only on the seed, not on the runtime's generator choice.
/// </summary>
public static class Synthetic
{
    /// <summary>y = bias + Σ w_j x_j + N(0, noise²), with x_j uniform in [-range, range].</summary>
    public static RegressionData LinearWithNoise(int count, double[] weights, double bias, double noise, int seed, double range = 1.0)
    {
        Positive(count);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length == 0) throw new ArgumentException("Give at least one weight.", nameof(weights));
        if (noise < 0 || !double.IsFinite(noise)) throw new ArgumentOutOfRangeException(nameof(noise), noise, "noise must be ≥ 0.");
        var rng = new Random(seed);
        var x = new Matrix(count, weights.Length);
        var y = new double[count];
        for (var i = 0; i < count; i++)
        {
            y[i] = bias;
            for (var j = 0; j < weights.Length; j++)
            {
                x[i, j] = (2 * rng.NextDouble() - 1) * range;
                y[i] += weights[j] * x[i, j];
            }
            y[i] += noise * Gaussian(rng);
        }
        var names = Enumerable.Range(1, weights.Length).Select(j => $"x{j}").ToArray();
        return new RegressionData("linear with noise", x, y, names, "y");
    }

    /// <summary>Two interleaving half circles (class 0 upper, class 1 lower and shifted), each point jittered by N(0, noise²).</summary>
    public static ClassificationData TwoMoons(int count, double noise, int seed)
    {
        Positive(count);
        var rng = new Random(seed);
        var x = new Matrix(count, 2);
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var label = i % 2;
            var t = Math.PI * rng.NextDouble();
            x[i, 0] = label == 0 ? Math.Cos(t) : 1 - Math.Cos(t);
            x[i, 1] = label == 0 ? Math.Sin(t) : 0.5 - Math.Sin(t);
            x[i, 0] += noise * Gaussian(rng);
            x[i, 1] += noise * Gaussian(rng);
            labels[i] = label;
        }
        return new ClassificationData("two moons", x, labels, 2);
    }

    /// <summary><paramref name="arms"/> interleaved spiral arms, one class each (not linearly separable at all).</summary>
    public static ClassificationData Spirals(int count, int arms, double noise, int seed)
    {
        Positive(count);
        if (arms < 2) throw new ArgumentOutOfRangeException(nameof(arms), arms, "A spiral dataset needs at least 2 arms.");
        var rng = new Random(seed);
        var x = new Matrix(count, 2);
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var arm = i % arms;
            var r = rng.NextDouble();
            var angle = 4 * r + 2 * Math.PI * arm / arms;
            x[i, 0] = r * Math.Sin(angle) + noise * Gaussian(rng);
            x[i, 1] = r * Math.Cos(angle) + noise * Gaussian(rng);
            labels[i] = arm;
        }
        return new ClassificationData("spirals", x, labels, arms);
    }

    /// <summary>Isotropic Gaussian blobs around the given centres (label = index of the centre).</summary>
    public static ClassificationData Blobs(int count, double[][] centres, double spread, int seed)
    {
        Positive(count);
        ArgumentNullException.ThrowIfNull(centres);
        if (centres.Length == 0) throw new ArgumentException("Give at least one centre.", nameof(centres));
        var dims = centres[0].Length;
        if (centres.Any(c => c.Length != dims)) throw new ArgumentException("All centres must have the same dimension.", nameof(centres));
        if (spread <= 0) throw new ArgumentOutOfRangeException(nameof(spread), spread, "spread must be positive.");
        var rng = new Random(seed);
        var x = new Matrix(count, dims);
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var c = i % centres.Length;
            for (var j = 0; j < dims; j++) x[i, j] = centres[c][j] + spread * Gaussian(rng);
            labels[i] = c;
        }
        return new ClassificationData("blobs", x, labels, centres.Length);
    }

    /// <summary>A standard normal sample (Box–Muller).</summary>
    public static double Gaussian(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble(); // (0, 1]: log(0) would be -∞
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static void Positive(int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be at least 1.");
    }
}

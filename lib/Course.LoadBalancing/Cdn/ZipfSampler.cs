namespace Course.LoadBalancing.Cdn;

/// <summary>
/// Draws object ranks 0..n-1 with P(rank k) ∝ 1/(k+1)^s — web object popularity is close to Zipf with s ≈ 0.6–1
/// (Breslau, Cao, Fan, Phillips &amp; Shenker, INFOCOM 1999). Inverse-CDF sampling: a binary search per draw.
/// </summary>
public sealed class ZipfSampler
{
    private readonly double[] _cdf;

    public ZipfSampler(int n, double exponent)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "Zipf needs at least one object.");
        if (!(exponent >= 0) || double.IsInfinity(exponent)) throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "The Zipf exponent must be finite and ≥ 0.");
        _cdf = new double[n];
        double sum = 0;
        for (var k = 0; k < n; k++) _cdf[k] = sum += Math.Pow(k + 1, -exponent);
        for (var k = 0; k < n; k++) _cdf[k] /= sum;
        _cdf[^1] = 1;
    }

    public int Sample(Random random)
    {
        var i = Array.BinarySearch(_cdf, random.NextDouble());
        return i >= 0 ? i : ~i;
    }

    /// <summary>The probability of rank <paramref name="k"/>.</summary>
    public double Probability(int k) => k == 0 ? _cdf[0] : _cdf[k] - _cdf[k - 1];
}

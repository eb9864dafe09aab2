using Course.MachineLearning.Data;

namespace Course.MachineLearning.Regression;

/// <summary>
/// Least squares in closed form: minimise (1/2n)‖Xw + b − y‖² + (λ/2)‖w‖² by solving
/// (ÃᵀÃ + nλI′)θ = Ãᵀy, where Ã = [1 | X] and I′ leaves the intercept unpenalised (Hastie et al., ESL §3.4.1).
/// The Gram matrix is symmetric positive definite for full-rank X, so a Cholesky factorisation solves it
/// (Golub &amp; Van Loan §4.2) — no matrix inverse is ever formed.
/// </summary>
public static class NormalEquations
{
    public static LinearModel Fit(Matrix x, ReadOnlySpan<double> y, double l2 = 0)
    {
        Check.Supervised(x, y);
        if (l2 < 0 || !double.IsFinite(l2)) throw new ArgumentOutOfRangeException(nameof(l2), l2, "l2 must be ≥ 0.");
        var p = x.Cols + 1; // θ₀ = bias, θ₁.. = weights
        var gram = new double[p, p];
        var rhs = new double[p];
        Span<double> row = stackalloc double[p];
        for (var i = 0; i < x.Rows; i++)
        {
            row[0] = 1;
            x.RowReadOnly(i).CopyTo(row[1..]);
            for (var a = 0; a < p; a++)
            {
                rhs[a] += row[a] * y[i];
                for (var b = 0; b <= a; b++) gram[a, b] += row[a] * row[b];
            }
        }
        for (var a = 1; a < p; a++) gram[a, a] += x.Rows * l2;
        var theta = Cholesky.Solve(gram, rhs);
        return new LinearModel(theta[1..], theta[0]);
    }
}

/// <summary>Solves A·x = b for symmetric positive-definite A given by its lower triangle.</summary>
public static class Cholesky
{
    public static double[] Solve(double[,] lower, double[] b)
    {
        var n = b.Length;
        var l = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            var d = lower[j, j];
            for (var k = 0; k < j; k++) d -= l[j, k] * l[j, k];
            if (d <= 1e-12 * Math.Max(1, Math.Abs(lower[j, j])))
                throw new ArgumentException(
                    $"The normal equations are singular at column {j}: features are collinear (or constant). Remove the duplicate feature or add L2 regularisation.");
            l[j, j] = Math.Sqrt(d);
            for (var i = j + 1; i < n; i++)
            {
                var s = lower[i, j];
                for (var k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                l[i, j] = s / l[j, j];
            }
        }
        var z = new double[n]; // forward: L z = b
        for (var i = 0; i < n; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++) s -= l[i, k] * z[k];
            z[i] = s / l[i, i];
        }
        var x = new double[n]; // back: Lᵀ x = z
        for (var i = n - 1; i >= 0; i--)
        {
            var s = z[i];
            for (var k = i + 1; k < n; k++) s -= l[k, i] * x[k];
            x[i] = s / l[i, i];
        }
        return x;
    }
}

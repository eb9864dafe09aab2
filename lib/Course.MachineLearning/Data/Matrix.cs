using System.Numerics.Tensors;

namespace Course.MachineLearning.Data;

/// <summary>
/// A dense row-major matrix of doubles: one row per example, one column per feature. Deliberately tiny — the
/// course writes the algorithms; the arithmetic inside rows is vectorised by <see cref="TensorPrimitives"/>.
/// </summary>
public sealed class Matrix
{
    public Matrix(int rows, int cols) : this(rows, cols, new double[checked(rows * cols)]) { }

    public Matrix(int rows, int cols, double[] values)
    {
        if (rows < 0 || cols < 0) throw new ArgumentOutOfRangeException(nameof(rows), $"A matrix cannot be {rows}×{cols}.");
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != rows * cols)
            throw new ArgumentException($"A {rows}×{cols} matrix needs {rows * cols} values, got {values.Length}.", nameof(values));
        Rows = rows;
        Cols = cols;
        Values = values;
    }

    public int Rows { get; }
    public int Cols { get; }

    /// <summary>The storage, row after row.</summary>
    public double[] Values { get; }

    public double this[int row, int col]
    {
        get => Values[row * Cols + col];
        set => Values[row * Cols + col] = value;
    }

    public Span<double> Row(int row) => Values.AsSpan(row * Cols, Cols);
    public ReadOnlySpan<double> RowReadOnly(int row) => Values.AsSpan(row * Cols, Cols);

    public static Matrix FromRows(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var cols = rows.Count == 0 ? 0 : rows[0].Length;
        var m = new Matrix(rows.Count, cols);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != cols)
                throw new ArgumentException($"Row {i} has {rows[i].Length} values but row 0 has {cols}.", nameof(rows));
            rows[i].CopyTo(m.Row(i));
        }
        return m;
    }

    /// <summary>The rows at <paramref name="indices"/>, in that order (a mini-batch or a split).</summary>
    public Matrix SelectRows(ReadOnlySpan<int> indices)
    {
        var m = new Matrix(indices.Length, Cols);
        for (var i = 0; i < indices.Length; i++) RowReadOnly(indices[i]).CopyTo(m.Row(i));
        return m;
    }

    public double[] Column(int col)
    {
        var c = new double[Rows];
        for (var i = 0; i < Rows; i++) c[i] = this[i, col];
        return c;
    }

    public Matrix Clone() => new(Rows, Cols, (double[])Values.Clone());

    public Matrix Transpose()
    {
        var t = new Matrix(Cols, Rows);
        for (var i = 0; i < Rows; i++)
            for (var j = 0; j < Cols; j++) t[j, i] = this[i, j];
        return t;
    }

    /// <summary>
    /// C = A·B, the i-k-j loop: each row of C accumulates scaled rows of B, so the inner loop is one
    /// contiguous, vectorised multiply-add.
    /// </summary>
    public static Matrix Multiply(Matrix a, Matrix b)
    {
        if (a.Cols != b.Rows) throw new ArgumentException($"Cannot multiply {a.Rows}×{a.Cols} by {b.Rows}×{b.Cols}: inner sizes differ.");
        var c = new Matrix(a.Rows, b.Cols);
        for (var i = 0; i < a.Rows; i++)
        {
            var ci = c.Row(i);
            var ai = a.RowReadOnly(i);
            for (var k = 0; k < a.Cols; k++)
                if (ai[k] != 0) TensorPrimitives.MultiplyAdd(b.RowReadOnly(k), ai[k], ci, ci);
        }
        return c;
    }

    /// <summary>C = Aᵀ·B without forming Aᵀ (weight gradients: inputᵀ · upstream gradient).</summary>
    public static Matrix TransposeMultiply(Matrix a, Matrix b)
    {
        if (a.Rows != b.Rows) throw new ArgumentException($"Cannot multiply ({a.Rows}×{a.Cols})ᵀ by {b.Rows}×{b.Cols}: row counts differ.");
        var c = new Matrix(a.Cols, b.Cols);
        for (var n = 0; n < a.Rows; n++)
        {
            var an = a.RowReadOnly(n);
            var bn = b.RowReadOnly(n);
            for (var i = 0; i < a.Cols; i++)
                if (an[i] != 0) TensorPrimitives.MultiplyAdd(bn, an[i], c.Row(i), c.Row(i));
        }
        return c;
    }

    /// <summary>C = A·Bᵀ without forming Bᵀ (input gradients: upstream gradient · weightsᵀ).</summary>
    public static Matrix MultiplyTranspose(Matrix a, Matrix b)
    {
        if (a.Cols != b.Cols) throw new ArgumentException($"Cannot multiply {a.Rows}×{a.Cols} by ({b.Rows}×{b.Cols})ᵀ: column counts differ.");
        var c = new Matrix(a.Rows, b.Rows);
        for (var i = 0; i < a.Rows; i++)
        {
            var ai = a.RowReadOnly(i);
            for (var j = 0; j < b.Rows; j++) c[i, j] = TensorPrimitives.Dot(ai, b.RowReadOnly(j));
        }
        return c;
    }

    public override string ToString() => $"Matrix {Rows}×{Cols}";
}

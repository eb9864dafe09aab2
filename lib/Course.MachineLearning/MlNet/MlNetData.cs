using Course.MachineLearning.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Course.MachineLearning.MlNet;

/// <summary>
/// Our <see cref="Matrix"/> as an ML.NET <see cref="IDataView"/>. The feature vector's length is only known at run
/// time, so the schema is set explicitly (a <c>[VectorType(n)]</c> attribute would fix it at compile time).
/// </summary>
internal static class MlNetData
{
    public sealed class RegressionRow
    {
        public float Label { get; set; }
        public float[] Features { get; set; } = [];
    }

    public sealed class ClassificationRow
    {
        public uint Label { get; set; }
        public float[] Features { get; set; } = [];
    }

    public static IDataView Regression(MLContext ml, Matrix x, ReadOnlySpan<double> y)
    {
        var rows = new RegressionRow[x.Rows];
        for (var i = 0; i < x.Rows; i++) rows[i] = new RegressionRow { Label = (float)y[i], Features = ToFloat(x.RowReadOnly(i)) };
        return ml.Data.LoadFromEnumerable(rows, Schema<RegressionRow>(x.Cols));
    }

    public static IDataView Features(MLContext ml, Matrix x)
    {
        var rows = new ClassificationRow[x.Rows];
        for (var i = 0; i < x.Rows; i++) rows[i] = new ClassificationRow { Features = ToFloat(x.RowReadOnly(i)) };
        return ml.Data.LoadFromEnumerable(rows, Schema<ClassificationRow>(x.Cols));
    }

    public static IDataView Classification(MLContext ml, Matrix x, ReadOnlySpan<int> labels)
    {
        var rows = new ClassificationRow[x.Rows];
        for (var i = 0; i < x.Rows; i++) rows[i] = new ClassificationRow { Label = (uint)labels[i], Features = ToFloat(x.RowReadOnly(i)) };
        return ml.Data.LoadFromEnumerable(rows, Schema<ClassificationRow>(x.Cols));
    }

    private static SchemaDefinition Schema<T>(int features)
    {
        var schema = SchemaDefinition.Create(typeof(T));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        return schema;
    }

    private static float[] ToFloat(ReadOnlySpan<double> row)
    {
        var f = new float[row.Length];
        for (var j = 0; j < row.Length; j++) f[j] = (float)row[j];
        return f;
    }
}

using BenchmarkDotNet.Attributes;
using Course.MachineLearning.Data;
using Course.MachineLearning.MlNet;
using Course.MachineLearning.Regression;

namespace Course.Benchmarks.MachineLearning;

/// <summary>
/// Fitting linear regression on auto-mpg (392 cars, 6 standardised features): the closed form (one pass to build the
/// 7×7 Gram matrix, then Cholesky) vs ML.NET's SDCA (iterative, float32; the figure includes building its
/// IDataView and MLContext, which is what a caller pays per fit).
/// </summary>
public class RegressionFitBenchmarks
{
    private Matrix _x = null!;
    private double[] _y = [];

    [GlobalSetup]
    public void Setup()
    {
        var cars = DataFiles.Cars();
        _x = Standardizer.Fit(cars.Features).Transform(cars.Features);
        _y = cars.Targets;
    }

    [Benchmark(Baseline = true, Description = "normal equations (Cholesky)")]
    public LinearModel NormalEquationsFit() => NormalEquations.Fit(_x, _y, l2: 0.005);

    [Benchmark(Description = "ML.NET SDCA")]
    public LinearModel Sdca() => SdcaRegression.Fit(_x, _y, l2: 0.005);
}

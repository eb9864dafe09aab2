using BenchmarkDotNet.Running;

namespace Course.Benchmarks;

// Every benchmark class in this assembly is found by the switcher: add a class, it shows up.
// Run: dotnet run -c Release --project benchmarks/Course.Benchmarks -- --filter '*'
public static class Program
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Course.Benchmarks;

// Every benchmark class in this assembly is found by the switcher: add a class, it shows up.
//   dotnet run -c Release --project benchmarks/Course.Benchmarks -- --filter '*'
//   dotnet run -c Release --project benchmarks/Course.Benchmarks -- --filter '*Checker*' --quick
//   dotnet run -c Release --project benchmarks/Course.Benchmarks -- --raft-suite 20   (a timed table, see RaftSuiteBenchmarks)
// --quick: a few in-process iterations instead of BenchmarkDotNet's full statistics (a rough figure in seconds, not minutes).
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.FirstOrDefault() == "--raft-suite")
        {
            Consensus.RaftSuiteBenchmarks.Run(args.Length > 1 ? int.Parse(args[1]) : 20);
            return;
        }
        else if (args.FirstOrDefault() == "--queues-table")   // RabbitMQ msg/s and Redis ops/s on loopback (Queues/LoopbackThroughputTable)
        {
            Queues.LoopbackThroughputTable.Run(args.Length > 1 ? int.Parse(args[1]) : 3);
            return;
        }
        else if (args.FirstOrDefault() is "--storage-table" or "--2pc-table")
        {
            if (args[0] == "--storage-table") Storage.DfsThroughputTable.Run(args.Length > 1 ? int.Parse(args[1]) : 3);
            else Transactions.TwoPhaseCommitLatencyTable.Run(args.Length > 1 ? int.Parse(args[1]) : 5);
            return;
        }
        else if (args.FirstOrDefault() == "--telemetry-table")   // tracing + metrics overhead per request (Observability/TelemetryOverheadTable)
        {
            Observability.TelemetryOverheadTable.Run(args.Length > 1 ? int.Parse(args[1]) : 3);
            return;
        }
        else if (args.FirstOrDefault() == "--hit-ratio-table")
        {
            Caching.HitRatioTable.Run(args.Length > 1 ? int.Parse(args[1]) : 1);
            return;
        }
        var quick = args.Contains("--quick");
        var config = quick
            ? DefaultConfig.Instance
                .AddJob(Job.ShortRun.WithWarmupCount(1).WithIterationCount(3).WithToolchain(InProcessEmitToolchain.Instance))
                .WithOptions(ConfigOptions.DisableOptimizationsValidator)
            : null;
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Where(a => a != "--quick").ToArray(), config);
    }
}

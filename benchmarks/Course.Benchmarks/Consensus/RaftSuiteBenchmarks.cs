using System.Diagnostics;
using Course.Distributed.Raft;

namespace Course.Benchmarks.Consensus;

/// <summary>
/// The whole 6.5840 Raft scenario suite (28 scenarios) on N seeds, run once and timed, as CI runs it (the
/// target: 20 seeds in under 60 s of wall time on the 2-core machine). Prints, per scenario, wall time,
/// virtual time and their ratio. A table, not BenchmarkDotNet: one run already takes seconds.
///   dotnet run -c Release --project benchmarks/Course.Benchmarks -- --raft-suite [seeds]
/// </summary>
public static class RaftSuiteBenchmarks
{
    public static void Run(int seeds)
    {
        Console.WriteLine($"Raft scenario suite, {seeds} seeds, {Environment.ProcessorCount} cores, one thread");
        Console.WriteLine($"{"scenario",-28}{"wall ms",10}{"virtual s",12}{"virtual/wall",14}");
        var total = Stopwatch.StartNew();
        double totalVirtual = 0;
        foreach (var scenario in RaftScenarios.All)
        {
            var clusters = new List<RaftCluster>();
            var watch = Stopwatch.StartNew();
            using (RaftCluster.Observe(clusters))
                for (var seed = 1; seed <= seeds; seed++) scenario.Run(seed, null);
            watch.Stop();
            var virtualSeconds = clusters.Sum(c => c.Now.TotalSeconds);
            totalVirtual += virtualSeconds;
            Console.WriteLine($"{scenario.Name,-28}{watch.ElapsedMilliseconds,10}{virtualSeconds,12:F1}{virtualSeconds / Math.Max(1e-3, watch.Elapsed.TotalSeconds),14:F0}×");
        }
        total.Stop();
        Console.WriteLine($"{"TOTAL",-28}{total.ElapsedMilliseconds,10}{totalVirtual,12:F1}{totalVirtual / total.Elapsed.TotalSeconds,14:F0}×");
    }
}

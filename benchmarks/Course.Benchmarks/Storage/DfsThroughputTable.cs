using System.Diagnostics;
using System.Globalization;
using Course.Distributed.Storage;

namespace Course.Benchmarks.Storage;

/// <summary>
/// The numbers of <see cref="DfsThroughputBenchmarks"/> in seconds instead of minutes: a few timed runs per file
/// size (medians, with the spread), each in a fresh temp directory that holds both the DFS's chunk files and the
/// reference copies, deleted afterwards. Two extra columns explain the gap: the same DFS on the simulator's
/// in-memory blobs (protocol and simulation without disk I/O) and the virtual time the operation took on the
/// simulated 100 Mbit/s network. A last line gives the reference with an fsync per copy, which neither the DFS nor
/// the plain copy does.
///   dotnet run -c Release --project benchmarks/Course.Benchmarks -- --storage-table [runs]
/// </summary>
public static class DfsThroughputTable
{
    private static readonly int[] SizesMiB = [8, 32];

    public static void Run(int runs)
    {
        if (runs < 1) throw new ArgumentOutOfRangeException(nameof(runs), runs, "At least one run.");
        var root = Directory.CreateTempSubdirectory("course-dfs-table-").FullName;
        try
        {
            Console.WriteLine($"DFS vs plain copy on a real disk ({root}), median of {runs} runs, {Environment.ProcessorCount} cores, one thread");
            Console.WriteLine("DFS: 6 chunk servers on 3 racks, 64 KiB chunks, 3 replicas, DiskChunkStore without fsync; copy: 3 × File.WriteAllBytes, 1 × File.ReadAllBytes");
            Console.WriteLine("MB/s = file bytes (10^6) per wall second; DFS/copy = DFS MB/s ÷ copy MB/s");
            Measure(root, "warm-up", 1); // JIT and first-touch costs, not reported
            Console.WriteLine();
            Console.WriteLine($"{"size",-8}{"op",-7}{"DFS s",9}{"(min–max)",16}{"DFS MB/s",10}{"copy s",9}{"(min–max)",16}{"copy MB/s",11}{"DFS/copy",10}{"in-memory DFS s",17}{"virtual s",11}");
            var fsyncLines = new List<string>();
            foreach (var size in SizesMiB)
            {
                var samples = Enumerable.Range(1, runs).Select(r => Measure(root, $"{size}-{r}", size)).ToArray();
                var bytes = size * 1024L * 1024L;
                foreach (var op in new[] { "write", "read" })
                {
                    var pick = (Func<Sample, Timing>)(op == "write" ? s => s.Write : s => s.Read);
                    var dfs = Median(samples.Select(s => pick(s).Dfs));
                    var copy = Median(samples.Select(s => pick(s).Copy));
                    var memory = Median(samples.Select(s => pick(s).InMemoryDfs));
                    var dfsRate = DfsThroughput.MegabytesPerSecond(bytes, dfs);
                    var copyRate = DfsThroughput.MegabytesPerSecond(bytes, copy);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{size + " MiB",-8}{op,-7}{dfs.TotalSeconds,9:F3}{Spread(samples.Select(s => pick(s).Dfs)),16}{dfsRate,10:F0}" +
                        $"{copy.TotalSeconds,9:F3}{Spread(samples.Select(s => pick(s).Copy)),16}{copyRate,11:F0}{dfsRate / copyRate,10:F3}" +
                        $"{memory.TotalSeconds,17:F3}{pick(samples[0]).Virtual.TotalSeconds,11:F2}"));
                }
                var synced = Median(samples.Select(s => s.FsyncCopyWrite));
                fsyncLines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{size} MiB: 3 copies with fsync {synced.TotalSeconds:F3} s = {DfsThroughput.MegabytesPerSecond(bytes, synced):F0} MB/s"));
            }
            Console.WriteLine();
            Console.WriteLine("For scale, the reference write with an fsync per copy (durable; neither side above fsyncs):");
            foreach (var line in fsyncLines) Console.WriteLine("  " + line);
        }
        finally
        {
            DfsThroughput.DeleteDirectory(root);
        }
    }

    private readonly record struct Timing(TimeSpan Dfs, TimeSpan Copy, TimeSpan InMemoryDfs, TimeSpan Virtual);

    private sealed record Sample(Timing Write, Timing Read, TimeSpan FsyncCopyWrite);

    /// <summary>One run in its own directory: DFS on disk, plain copy, copy with fsync, DFS in memory.</summary>
    private static Sample Measure(string root, string name, int sizeMiB)
    {
        var data = DfsThroughput.RandomBytes(sizeMiB, seed: sizeMiB);
        var directory = DfsThroughput.NewDirectory(root, name);
        try
        {
            var disk = DfsThroughput.NewCluster(Path.Combine(directory, "dfs"));
            var (dfsWrite, virtualWrite) = TimeDfs(disk, () => DfsThroughput.DfsWrite(disk, data));
            byte[] back = [];
            var (dfsRead, virtualRead) = TimeDfs(disk, () => back = DfsThroughput.DfsRead(disk, data.Length));
            Check(back, data, "DFS");

            var copies = DfsThroughput.NewDirectory(directory, "copy");
            var copyWrite = Time(() => DfsThroughput.CopyWrite(copies, data));
            var copyRead = Time(() => back = DfsThroughput.CopyRead(copies));
            Check(back, data, "copy");
            var synced = DfsThroughput.NewDirectory(directory, "copy-fsync");
            var fsyncWrite = Time(() => DfsThroughput.CopyWrite(synced, data, fsync: true));

            var memory = DfsThroughput.NewCluster(null);
            var (memoryWrite, _) = TimeDfs(memory, () => DfsThroughput.DfsWrite(memory, data));
            var (memoryRead, _) = TimeDfs(memory, () => back = DfsThroughput.DfsRead(memory, data.Length));
            Check(back, data, "in-memory DFS");

            return new Sample(new Timing(dfsWrite, copyWrite, memoryWrite, virtualWrite),
                new Timing(dfsRead, copyRead, memoryRead, virtualRead), fsyncWrite);
        }
        finally
        {
            DfsThroughput.DeleteDirectory(directory);
        }
    }

    private static (TimeSpan Wall, TimeSpan Virtual) TimeDfs(DfsCluster cluster, Action action)
    {
        var start = cluster.Now;
        var wall = Time(action);
        return (wall, cluster.Now - start);
    }

    private static TimeSpan Time(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed;
    }

    private static void Check(byte[] actual, byte[] expected, string what)
    {
        if (!actual.AsSpan().SequenceEqual(expected)) throw new InvalidOperationException($"{what} read back different bytes.");
    }

    private static string Spread(IEnumerable<TimeSpan> values)
    {
        var all = values.ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"({all.Min().TotalSeconds:F3}–{all.Max().TotalSeconds:F3})");
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Course.Distributed.Storage;

namespace Course.Benchmarks.Storage;

/// <summary>
/// DFS throughput on a real disk against the physical reference, per file size: wall time of one whole DFS write
/// (simulated master, lease, pipelined push and commit of every 64 KiB chunk to 3 replicas, each a real data file
/// and a checksum file written by <see cref="DiskChunkStore"/>) and of one whole read (every chunk from its nearest
/// replica, checksums verified), against three <c>File.WriteAllBytes</c> of the same bytes and one
/// <c>File.ReadAllBytes</c>. The copy is the baseline of its category, so Ratio is DFS time / copy time (the
/// throughput ratio is its inverse); MB/s is file bytes (10^6) over the mean. Cluster set-up is not timed.
///   dotnet run -c Release --project benchmarks/Course.Benchmarks -- --filter '*DfsThroughput*' --quick
///   dotnet run -c Release --project benchmarks/Course.Benchmarks -- --storage-table [runs]   (seconds, see DfsThroughputTable)
/// </summary>
[Config(typeof(ThroughputConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class DfsThroughputBenchmarks
{
    private byte[] _data = [];
    private string _root = "";
    private string? _directory;
    private DfsCluster? _cluster;

    [Params(8, 32)]
    public int SizeMiB { get; set; }

    [GlobalSetup]
    public void CreateData()
    {
        _data = DfsThroughput.RandomBytes(SizeMiB);
        _root = Directory.CreateTempSubdirectory("course-dfs-bench-").FullName;
    }

    [GlobalCleanup]
    public void DeleteRoot() => DfsThroughput.DeleteDirectory(_root);

    [IterationSetup(Targets = [nameof(DfsWrite)])]
    public void EmptyCluster()
    {
        _directory = DfsThroughput.NewDirectory(_root, "run");
        _cluster = DfsThroughput.NewCluster(_directory);
    }

    [IterationSetup(Targets = [nameof(DfsRead)])]
    public void ClusterWithFile()
    {
        EmptyCluster();
        DfsThroughput.DfsWrite(_cluster!, _data);
    }

    [IterationSetup(Targets = [nameof(CopyWrite)])]
    public void EmptyDirectory() => _directory = DfsThroughput.NewDirectory(_root, "run");

    [IterationSetup(Targets = [nameof(CopyRead)])]
    public void DirectoryWithCopies()
    {
        EmptyDirectory();
        DfsThroughput.CopyWrite(_directory!, _data);
    }

    [IterationCleanup]
    public void DeleteRun()
    {
        _cluster = null;
        DfsThroughput.DeleteDirectory(_directory);
        _directory = null;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Write")]
    public void CopyWrite() => DfsThroughput.CopyWrite(_directory!, _data);

    [Benchmark, BenchmarkCategory("Write")]
    public void DfsWrite() => DfsThroughput.DfsWrite(_cluster!, _data);

    [Benchmark(Baseline = true), BenchmarkCategory("Read")]
    public int CopyRead() => DfsThroughput.CopyRead(_directory!).Length;

    [Benchmark, BenchmarkCategory("Read")]
    public int DfsRead() => DfsThroughput.DfsRead(_cluster!, _data.Length).Length;

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(new MegabytesPerSecondColumn());
    }

    /// <summary>File size over the mean time of one operation, in decimal MB/s.</summary>
    private sealed class MegabytesPerSecondColumn : IColumn
    {
        public string Id => nameof(MegabytesPerSecondColumn);
        public string ColumnName => "MB/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "File bytes (10^6) per second of mean time: the same file size for DFS and copy";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (summary[benchmarkCase]?.ResultStatistics is not { } statistics || benchmarkCase.Parameters[nameof(SizeMiB)] is not int size)
                return "NA";
            var megabytes = size * 1024.0 * 1024.0 / 1e6;
            return (megabytes / (statistics.Mean / 1e9)).ToString("F0", CultureInfo.InvariantCulture); // Mean is in ns
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
    }
}

using Course.Distributed.Storage;
using Course.Distributed.Tests.Raft;
using Course.Simulation;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Storage;

public class ReadWriteTests(ITestOutputHelper output)
{
    [Fact]
    public void FilesOfRandomSizesAcrossChunkBoundariesReadBackByteForByte()
    {
        var chunk = DfsRuns.SmallChunks.ChunkSize;
        long bytes = 0, chunks = 0;
        SeedRuns.ForEachSeed(nameof(FilesOfRandomSizesAcrossChunkBoundariesReadBackByteForByte), seed =>
        {
            var cluster = DfsRuns.Cluster(seed);
            var random = new Random(seed);
            var expected = new Dictionary<string, byte[]>();
            // Sizes around the boundaries on purpose, then random ones up to five chunks.
            int[] edges = [0, 1, chunk - 1, chunk, chunk + 1, 2 * chunk];
            for (var f = 0; f < 8; f++)
            {
                var size = f < 2 ? edges[random.Next(edges.Length)] : random.Next(0, 5 * chunk + 1);
                var path = $"/seed{seed}/dir{f % 3}/file{f}";
                var data = DfsRuns.Bytes(seed, f, size);
                DfsRuns.Succeeded(cluster, cluster.Write(path, data));
                expected[path] = data;
            }
            // Appends to some of them, again across boundaries.
            foreach (var path in expected.Keys.Where((_, i) => i % 2 == 0).ToArray())
            {
                var more = DfsRuns.Bytes(seed, 100 + path.Length, random.Next(1, 3 * chunk));
                DfsRuns.Succeeded(cluster, cluster.Append(path, more));
                expected[path] = [.. expected[path], .. more];
            }
            foreach (var (path, data) in expected)
            {
                DfsRuns.ReadsBack(cluster, path, data);
                // A random sub-range too.
                var offset = random.Next(0, data.Length + 1);
                var count = random.Next(0, 2 * chunk);
                var part = cluster.Begin(0, c => c.Read(path, offset, count));
                cluster.Await(part);
                DfsRuns.Succeeded(cluster, part);
                Assert.True(data.AsSpan(offset, Math.Min(count, data.Length - offset)).SequenceEqual(part.Data), $"seed {seed}: {path}[{offset}..+{count}] differs");
            }
            var report = cluster.Chunks();
            Assert.True(report.Where(c => c.CommittedBytes > 0).All(c => c.LiveReplicas == 3), $"seed {seed}: not every chunk has 3 replicas\n{cluster.Describe()}");
            bytes += expected.Values.Sum(d => d.Length);
            chunks += report.Count;
        });
        output.WriteLine($"{bytes:N0} bytes in {chunks} chunks over {SeedRuns.Count()} seeds");
    }

    [Fact]
    public void TheDefaultSixtyFourKibChunksWork()
    {
        var cluster = new DfsCluster(new DfsClusterOptions { Seed = 3 });
        Assert.Equal(64 * 1024, cluster.Dfs.ChunkSize);
        var data = DfsRuns.Bytes(3, 0, 200_000);
        var write = cluster.Write("/big", data);
        DfsRuns.Succeeded(cluster, write);
        DfsRuns.ReadsBack(cluster, "/big", data);
        Assert.Equal(4, cluster.Chunks().Count);
        output.WriteLine($"{write}; {cluster.Counters}");
    }

    [Fact]
    public void TheNamespaceHasDirectoriesFilesAndErrors()
    {
        var cluster = DfsRuns.Cluster(5);
        DfsRuns.Succeeded(cluster, cluster.MakeDirectory("/logs"));
        DfsRuns.Succeeded(cluster, cluster.Write("/logs/2003/web.log", [1, 2, 3]));
        DfsRuns.Succeeded(cluster, cluster.Create("/logs/empty"));

        var root = cluster.List("/logs");
        DfsRuns.Succeeded(cluster, root);
        Assert.Equal(["2003/", "empty (0 B)"], root.Entries!.Select(e => e.ToString()));
        Assert.Equal([new DirectoryEntry("web.log", false, 3)], cluster.List("/logs/2003").Entries!);

        Assert.Equal(DfsError.NotFound, cluster.Read("/nope").Error);
        Assert.Equal(DfsError.AlreadyExists, cluster.Write("/logs/empty", [9]).Error);
        Assert.Equal(DfsError.AlreadyExists, cluster.MakeDirectory("/logs").Error);
        Assert.Equal(DfsError.IsADirectory, cluster.Append("/logs", [9]).Error);
        Assert.Equal(DfsError.IsADirectory, cluster.Read("/logs").Error);
        Assert.Equal(DfsError.NotADirectory, cluster.Create("/logs/empty/child").Error);
        Assert.Equal(DfsError.NotADirectory, cluster.List("/logs/empty").Error);
        Assert.Equal(DfsError.NotFound, cluster.Append("/logs/missing", [9]).Error);
        Assert.Equal(DfsError.DirectoryNotEmpty, cluster.Delete("/logs").Error);
        Assert.Equal(DfsError.NotFound, cluster.Delete("/logs/missing").Error);

        // An empty file reads as empty, and an empty append changes nothing.
        Assert.Equal([], cluster.Read("/logs/empty").Data!);
        DfsRuns.Succeeded(cluster, cluster.Append("/logs/empty", []));
        Assert.Equal([], cluster.Read("/logs/empty").Data!);
    }

    [Fact]
    public void ADeletedFilesChunksAreGarbageCollectedFromEveryServer()
    {
        var cluster = DfsRuns.Cluster(6);
        DfsRuns.Succeeded(cluster, cluster.Write("/tmp/x", DfsRuns.Bytes(6, 0, 30_000)));
        DfsRuns.Succeeded(cluster, cluster.Write("/keep", DfsRuns.Bytes(6, 1, 10_000)));
        var doomed = cluster.Chunks().Where(c => c.Path == "/tmp/x").Select(c => c.Handle).ToHashSet();
        Assert.Equal(4, doomed.Count);

        DfsRuns.Succeeded(cluster, cluster.Delete("/tmp/x"));
        DfsRuns.Succeeded(cluster, cluster.Delete("/tmp"));
        Assert.Equal(DfsError.NotFound, cluster.Read("/tmp/x").Error);
        // GFS §4.4: nothing is deleted eagerly; heartbeats reveal the orphans and the servers drop them.
        Assert.True(cluster.RunUntil(() => cluster.ChunkServers.All(s => !cluster.StoreOf(s).List().Any(c => doomed.Contains(c.Handle))), TimeSpan.FromSeconds(2)),
            $"seed 6: orphaned replicas were not collected\n{cluster.Describe()}");
        Assert.Equal(12, cluster.Counters.OrphanReplicasDeleted);
        DfsRuns.ReadsBack(cluster, "/keep", DfsRuns.Bytes(6, 1, 10_000));
    }

    [Fact]
    public void OneWriterAtATime_TheSecondConcurrentAppendFailsCleanly()
    {
        var cluster = DfsRuns.Cluster(7, clients: 2);
        var start = DfsRuns.Bytes(7, 0, 5000);
        DfsRuns.Succeeded(cluster, cluster.Write("/shared", start));
        var a = DfsRuns.Bytes(7, 1, 12_000);
        var b = DfsRuns.Bytes(7, 2, 12_000);
        var first = cluster.Begin(0, c => c.Append("/shared", a));
        var second = cluster.Begin(1, c => c.Append("/shared", b));
        cluster.Await(first, second);

        // Whichever reached the master first holds the writer lease; the other is refused and changes nothing.
        var (winner, loser) = first.Succeeded ? (first, second) : (second, first);
        DfsRuns.Succeeded(cluster, winner);
        Assert.Equal(DfsError.WriterConflict, loser.Error);
        var won = winner == first ? a : b;
        var lost = winner == first ? b : a;
        DfsRuns.ReadsBack(cluster, "/shared", [.. start, .. won]);
        // Once the winner is done, the other may append.
        DfsRuns.Succeeded(cluster, cluster.Append("/shared", lost, client: winner == first ? 1 : 0));
        DfsRuns.ReadsBack(cluster, "/shared", [.. start, .. won, .. lost], client: 1);
    }

    [Fact]
    public void AWriterCutOffPastItsLeaseCannotOverwriteWhatTheNextWriterCommitted()
    {
        var fenced = 0;
        SeedRuns.ForEachSeed(nameof(AWriterCutOffPastItsLeaseCannotOverwriteWhatTheNextWriterCommitted), seed =>
        {
            var cluster = DfsRuns.Cluster(seed, clients: 2);
            var start = DfsRuns.Bytes(seed, 0, 3000);
            DfsRuns.Succeeded(cluster, cluster.Write("/w", start));
            var late = DfsRuns.Bytes(seed, 1, 5 * 8192);
            var slow = cluster.Begin(0, c => c.Append("/w", late));
            cluster.RunFor(TimeSpan.FromMilliseconds(3 + seed % 20));  // somewhere in its first chunks
            cluster.Disconnect(cluster.Clients[0]);
            cluster.RunFor(cluster.Dfs.WriterLeaseDuration + TimeSpan.FromMilliseconds(500));

            var next = DfsRuns.Bytes(seed, 2, 2 * 8192);
            DfsRuns.Succeeded(cluster, cluster.Append("/w", next, client: 1)); // takes the expired lease over
            cluster.Connect(cluster.Clients[0]);                              // the old writer wakes up and carries on
            cluster.Await(slow);

            // It must not succeed where it was cut off; it may only have started over after the other writer.
            byte[] expected = slow.Succeeded ? [.. start, .. next, .. late] : [.. start, .. next];
            if (!slow.Succeeded) fenced++;
            DfsRuns.ReadsBack(cluster, "/w", expected, client: 1);
            cluster.RunFor(TimeSpan.FromSeconds(2));
            DfsRuns.ReadsBack(cluster, "/w", expected, client: 1);
        }, seeds: SeedRuns.Count(10));
        Assert.True(fenced >= SeedRuns.Count(10) / 2, $"only {fenced} runs cut the old writer off mid-append");
    }

    [Fact]
    public void TheSameSeedGivesTheSameRun()
    {
        static (ulong, string) Run()
        {
            var cluster = new DfsCluster(new DfsClusterOptions { Seed = 42, Dfs = DfsRuns.SmallChunks, TraceMessages = true });
            cluster.Write("/f", DfsRuns.Bytes(42, 0, 25_000));
            cluster.Crash(cluster.ChunkServers[2]);
            cluster.Append("/f", DfsRuns.Bytes(42, 1, 9_000));
            cluster.RunFor(TimeSpan.FromSeconds(3));
            cluster.Read("/f");
            return (cluster.Simulation.Trace.Fingerprint(), cluster.Describe());
        }
        var (a, describeA) = Run();
        var (b, describeB) = Run();
        Assert.Equal(describeA, describeB);
        Assert.Equal(a, b);
    }
}

using Course.Distributed.Storage;
using Course.Distributed.Tests.Raft;
using Course.Simulation;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Storage;

/// <summary>
/// An append racing a failure either succeeds — and then reads back exactly, from every replica the master
/// counts — or fails and leaves the file as it was. Never a reported success that reads back wrong.
/// </summary>
public class CrashDuringWriteTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(6);

    [Theory]
    [InlineData("crash", 1)]
    [InlineData("crash", 2)]
    [InlineData("disconnect", 1)]
    [InlineData("crash-and-restart", 1)]
    public void AWriteDuringAChunkServerFailureSucceedsEverywhereOrFailsCleanly(string fault, int victims)
    {
        int succeeded = 0, failed = 0;
        SeedRuns.ForEachSeed($"{fault} ×{victims}", seed =>
        {
            var cluster = DfsRuns.Cluster(seed, servers: 6);
            var random = new Random(DeterministicRandom.DeriveSeed(seed, victims, fault.Length));
            var before = DfsRuns.Bytes(seed, 0, random.Next(0, 3 * 8192));
            DfsRuns.Succeeded(cluster, cluster.Write("/f", before));
            var more = DfsRuns.Bytes(seed, 1, random.Next(1, 5 * 8192));

            // Victims are chosen among the replicas of the file's last chunk, and the chunks to come.
            var targets = cluster.ChunkServers.OrderBy(_ => random.Next()).Take(victims).ToArray();
            var append = cluster.Begin(0, c => c.Append("/f", more));
            var at = TimeSpan.FromMilliseconds(random.NextDouble() * 40);
            cluster.Simulation.Schedule(at, () =>
            {
                foreach (var v in targets)
                    if (fault == "disconnect") cluster.Disconnect(v); else cluster.Crash(v);
            });
            if (fault == "crash-and-restart")
                cluster.Simulation.Schedule(at + TimeSpan.FromMilliseconds(random.Next(1, 300)), () => { foreach (var v in targets) cluster.Restart(v); });
            cluster.Await(append);

            byte[] expected = append.Succeeded ? [.. before, .. more] : before;
            if (append.Succeeded) succeeded++; else failed++;
            DfsRuns.ReadsBack(cluster, "/f", expected);
            CheckEveryCountedReplica(cluster, expected);

            // And after the dust settles (servers back, re-replication done) it still reads the same.
            foreach (var v in targets) { cluster.Connect(v); cluster.Restart(v); }
            Assert.True(cluster.RunUntilReplicated(Bound), $"seed {seed}: did not settle\n{cluster.Describe()}");
            DfsRuns.ReadsBack(cluster, "/f", expected);
            CheckEveryCountedReplica(cluster, expected);
        }, seeds: SeedRuns.Count(15));
        output.WriteLine($"{fault} ×{victims}: {succeeded} appends succeeded, {failed} failed cleanly");
        Assert.True(succeeded > failed, $"{fault} ×{victims}: only {succeeded} of {succeeded + failed} appends survived the fault: recovery does not work");
    }

    [Fact]
    public void APrimaryCrashingMidWriteIsFencedOffAndTheWriteCompletesWithTheOthers()
    {
        var cluster = DfsRuns.Cluster(51);
        DfsRuns.Succeeded(cluster, cluster.Write("/p", DfsRuns.Bytes(51, 0, 1000)));
        var more = DfsRuns.Bytes(51, 1, 3000);
        var handle = cluster.Chunks().Single().Handle;
        var primary = cluster.Master!.Chunks[handle].Lease!.Primary; // the write's lease is still in force
        var append = cluster.Begin(0, c => c.Append("/p", more));
        cluster.Simulation.Schedule(TimeSpan.FromMilliseconds(1), () => cluster.Crash(primary));
        cluster.Await(append);
        DfsRuns.Succeeded(cluster, append);
        Assert.DoesNotContain(primary, cluster.Master.Chunks[handle].Replicas);
        DfsRuns.ReadsBack(cluster, "/p", [.. DfsRuns.Bytes(51, 0, 1000), .. more]);
        output.WriteLine($"{append}, {append.WriteAttempts} attempts; {cluster.Counters}");
    }

    [Fact]
    public void AWriterThatLosesEveryReplicaFailsAndTheFileIsUnchanged()
    {
        var cluster = DfsRuns.Cluster(52, servers: 3);
        var before = DfsRuns.Bytes(52, 0, 2000);
        DfsRuns.Succeeded(cluster, cluster.Write("/all", before));
        var append = cluster.Begin(0, c => c.Append("/all", DfsRuns.Bytes(52, 1, 2000)));
        cluster.Simulation.Schedule(TimeSpan.FromMilliseconds(1), () => { foreach (var s in cluster.ChunkServers) cluster.Crash(s); });
        cluster.Await(append);
        Assert.False(append.Succeeded);
        foreach (var s in cluster.ChunkServers) cluster.Restart(s);
        cluster.RunFor(TimeSpan.FromSeconds(2));
        DfsRuns.ReadsBack(cluster, "/all", before);
        output.WriteLine(append.ToString());
    }

    /// <summary>Reads the committed range of every replica the master counts, straight from its disk.</summary>
    private static void CheckEveryCountedReplica(DfsCluster cluster, byte[] expected)
    {
        foreach (var chunk in cluster.Chunks().Where(c => c.CommittedBytes > 0))
            foreach (var copy in chunk.Copies.Where(c => c.State == ReplicaState.Live))
            {
                var io = new ChecksummedChunk(cluster.StoreOf(copy.Server), cluster.Dfs.ChecksumBlockSize);
                Assert.Equal(ChunkStatus.Ok, io.Read(chunk.Handle, 0, (int)chunk.CommittedBytes, out var bytes));
                var start = chunk.Index * cluster.Dfs.ChunkSize;
                Assert.True(expected.AsSpan(start, (int)chunk.CommittedBytes).SequenceEqual(bytes),
                    $"seed {cluster.Seed}: {copy.Server}'s replica of {chunk.Handle} differs from the file\n{cluster.Describe()}");
            }
    }
}

using Course.Distributed.Storage;
using Course.Distributed.Tests.Raft;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Storage;

public class CorruptionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    [Fact]
    public void ACorruptReplicaIsDetectedOnRead_TheReadStillReturnsGoodData_AndTheCopyIsReplacedThenDeleted()
    {
        SeedRuns.ForEachSeed(nameof(ACorruptReplicaIsDetectedOnRead_TheReadStillReturnsGoodData_AndTheCopyIsReplacedThenDeleted), seed =>
        {
            var cluster = DfsRuns.Cluster(seed, clients: 0);
            var random = new Random(seed);
            // A client on a chunk server's host: HDFS puts the first replica there, and reads prefer it (distance 0).
            var bad = cluster.ChunkServers[random.Next(cluster.ChunkServers.Count)];
            var client = cluster.AddClient(colocatedWith: bad);
            var data = DfsRuns.Bytes(seed, 0, random.Next(3 * 8192, 5 * 8192));
            DfsRuns.Succeeded(cluster, cluster.Write("/victim", data, client));
            var chunk = cluster.Chunks().Where(c => c.Copies.Any(r => r.Server == bad)).ElementAt(random.Next(3));
            var others = chunk.Copies.Where(r => r.Server != bad).Select(r => r.Server).ToArray();
            cluster.CorruptReplica(bad, chunk.Handle, random.Next((int)chunk.CommittedBytes));

            DfsRuns.ReadsBack(cluster, "/victim", data, client);
            var reads = cluster.Client(client).ChunkReads;
            Assert.Contains(reads, r => r.Server == bad && r.Status == ChunkStatus.Corrupt);
            Assert.True(cluster.Server(bad)!.IsCorrupt(chunk.Handle), $"seed {seed}: {bad} did not flag its replica");
            Assert.DoesNotContain(bad, cluster.Master!.Chunks[chunk.Handle].Replicas);

            // Re-replicated from a good copy, and only then the bad copy is deleted (GFS §5.2).
            Assert.True(cluster.RunUntilReplicated(Bound), $"seed {seed}: not repaired\n{cluster.Describe()}");
            Assert.Null(cluster.StoreOf(bad).Find(chunk.Handle));
            var after = cluster.Chunks().Single(c => c.Handle == chunk.Handle);
            Assert.Equal(3, after.LiveReplicas);
            Assert.Contains(after.Copies, r => !others.Contains(r.Server) && r.Server != bad);
            Assert.True(cluster.Counters.CorruptReplicasReported >= 1 && cluster.Counters.CorruptReplicasDeleted >= 1, $"seed {seed}: {cluster.Counters}");
            DfsRuns.ReadsBack(cluster, "/victim", data, client);
        }, seeds: SeedRuns.Count(10));
    }

    [Fact]
    public void TheBackgroundScanFindsCorruptionInAChunkNobodyReads()
    {
        var cluster = DfsRuns.Cluster(31);
        var data = DfsRuns.Bytes(31, 0, 20_000);
        DfsRuns.Succeeded(cluster, cluster.Write("/cold", data));
        var chunk = cluster.Chunks()[1];
        var bad = chunk.Copies[0].Server;
        cluster.CorruptReplica(bad, chunk.Handle, 100);
        Assert.True(cluster.RunUntil(() => cluster.Counters.ChecksumMismatches == 1, Bound), "seed 31: the scan never found it");
        Assert.True(cluster.RunUntilReplicated(Bound), $"seed 31: not repaired\n{cluster.Describe()}");
        Assert.Null(cluster.StoreOf(bad).Find(chunk.Handle));
        Assert.Equal(0, cluster.Counters.ReadsServed); // nobody read anything: the scan did it
        DfsRuns.ReadsBack(cluster, "/cold", data);
    }

    [Fact]
    public void CorruptionIsNeverCopied_AndWhenEveryReplicaIsCorruptTheReadFailsInsteadOfLying()
    {
        var cluster = DfsRuns.Cluster(32, dfs: DfsRuns.SmallChunks with { ScrubInterval = TimeSpan.Zero });
        var data = DfsRuns.Bytes(32, 0, 6000);
        DfsRuns.Succeeded(cluster, cluster.Write("/doomed", data));
        var chunk = cluster.Chunks().Single();
        foreach (var copy in chunk.Copies) cluster.CorruptReplica(copy.Server, chunk.Handle, 5000);

        var read = cluster.Read("/doomed");
        Assert.Equal(DfsError.DataUnavailable, read.Error);
        Assert.Null(read.Data);
        Assert.Equal(3, cluster.Counters.ChecksumMismatches);
        // No good source: the master clones nothing, and the other file system state is untouched.
        cluster.RunFor(TimeSpan.FromSeconds(1));
        Assert.Equal(0, cluster.Counters.ClonesCompleted);
        output.WriteLine(read.ToString());
    }

    [Fact]
    public void TheChecksumOfABlockCoversOnlyThatBlock_AReadOfOtherBlocksStillSucceeds()
    {
        var cluster = DfsRuns.Cluster(33, dfs: DfsRuns.SmallChunks with { ScrubInterval = TimeSpan.Zero });
        var data = DfsRuns.Bytes(33, 0, 8000);
        DfsRuns.Succeeded(cluster, cluster.Write("/blocks", data));
        var chunk = cluster.Chunks().Single();
        foreach (var copy in chunk.Copies) cluster.CorruptReplica(copy.Server, chunk.Handle, 7000); // block 6 of 1 KiB blocks

        var head = cluster.Begin(0, c => c.Read("/blocks", 0, 6 * 1024));
        cluster.Await(head);
        DfsRuns.Succeeded(cluster, head);
        Assert.Equal(data.AsSpan(0, 6 * 1024).ToArray(), head.Data!);
        var tail = cluster.Begin(0, c => c.Read("/blocks", 6 * 1024, 100));
        cluster.Await(tail);
        Assert.Equal(DfsError.DataUnavailable, tail.Error);
    }
}

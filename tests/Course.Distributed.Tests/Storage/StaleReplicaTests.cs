using Course.Distributed.Storage;
using Course.Distributed.Tests.Raft;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Storage;

public class StaleReplicaTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    /// <summary>
    /// GFS §4.5: a replica that was down while its chunk was written misses the new version. Restarted — even
    /// before the master has noticed it was gone, and with a client right next to it — it serves nothing old,
    /// it is not counted, and it is deleted and replaced.
    /// </summary>
    [Fact]
    public void ARestartedServerWithAStaleVersionServesNothingStale()
    {
        SeedRuns.ForEachSeed(nameof(ARestartedServerWithAStaleVersionServesNothingStale), seed =>
        {
            var cluster = DfsRuns.Cluster(seed, clients: 0);
            var random = new Random(seed);
            var stale = cluster.ChunkServers[random.Next(cluster.ChunkServers.Count)];
            var near = cluster.AddClient(colocatedWith: stale);
            var before = DfsRuns.Bytes(seed, 0, random.Next(1000, 7000));   // less than one chunk: the append lands in the same chunk
            DfsRuns.Succeeded(cluster, cluster.Write("/log", before, near));
            var chunk = cluster.Chunks().Single();
            Assert.Contains(chunk.Copies, r => r.Server == stale);          // HDFS placement: the writer's host first

            cluster.Crash(stale);
            var more = DfsRuns.Bytes(seed, 1, random.Next(100, 1000));
            var append = cluster.Append("/log", more, near);
            DfsRuns.Succeeded(cluster, append);
            Assert.True(append.WriteAttempts >= 2, $"seed {seed}: the write should have had to fence {stale} off ({append.WriteAttempts} attempts)");
            cluster.Restart(stale);                                         // back quickly: within the dead-server timeout

            var current = cluster.Master!.Chunks[chunk.Handle];
            Assert.True(current.Version > chunk.Version, $"seed {seed}: the version did not move");
            Assert.Equal(chunk.Version, cluster.StoreOf(stale).Find(chunk.Handle)!.Value.Version);
            Assert.DoesNotContain(stale, current.Replicas);

            // Asked directly for the current version, the stale replica refuses.
            var probe = cluster.Begin(near, c => c.ReadReplica(stale, chunk.Handle, current.Version, 0, before.Length));
            cluster.Await(probe);
            Assert.Equal(ChunkStatus.StaleVersion, probe.ReplicaStatus);
            Assert.Null(probe.Data);

            // The nearest client reads the new content, from the others.
            DfsRuns.ReadsBack(cluster, "/log", [.. before, .. more], near);
            Assert.DoesNotContain(cluster.Client(near).ChunkReads, r => r.Server == stale && r.Status == ChunkStatus.Ok);

            // The master finds it stale in its first heartbeat and has it deleted; the chunk is brought back to three.
            Assert.True(cluster.RunUntil(() => cluster.Counters.StaleReplicasFound >= 1, Bound), $"seed {seed}: stale replica not found");
            Assert.True(cluster.RunUntilReplicated(Bound), $"seed {seed}: not repaired\n{cluster.Describe()}");
            Assert.All(cluster.Chunks().Single().Copies, r => Assert.Equal(current.Version, r.Version));
            DfsRuns.ReadsBack(cluster, "/log", [.. before, .. more], near);
        }, seeds: SeedRuns.Count(10));
    }

    [Fact]
    public void TheReportShowsTheStaleCopyUntilItIsDeleted()
    {
        var cluster = DfsRuns.Cluster(41, dfs: DfsRuns.SmallChunks with { HeartbeatInterval = TimeSpan.FromMilliseconds(300), DeadAfter = TimeSpan.FromSeconds(1) });
        DfsRuns.Succeeded(cluster, cluster.Write("/f", DfsRuns.Bytes(41, 0, 3000)));
        var victim = cluster.Chunks().Single().Copies[0].Server;
        cluster.Crash(victim);
        DfsRuns.Succeeded(cluster, cluster.Append("/f", DfsRuns.Bytes(41, 1, 3000)));
        var stale = cluster.Chunks().Single().Copies.Single(r => r.Server == victim);
        Assert.Equal(ReplicaState.Down, stale.State);
        cluster.Restart(victim);
        Assert.Equal(ReplicaState.Stale, cluster.Chunks().Single().Copies.Single(r => r.Server == victim).State);
        output.WriteLine(cluster.Describe());
        Assert.True(cluster.RunUntil(() => cluster.StoreOf(victim).Find(cluster.Chunks().Single().Handle) is not { } c || c.Version == cluster.Chunks().Single().Version, Bound));
    }
}

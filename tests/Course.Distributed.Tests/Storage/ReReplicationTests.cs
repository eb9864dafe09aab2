using Course.Distributed.Storage;
using Course.Distributed.Tests.Raft;
using Course.Simulation;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Storage;

public class ReReplicationTests(ITestOutputHelper output)
{
    /// <summary>Failure detection (0.5 s) plus cloning: generous, yet an order of magnitude below "never".</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    [Fact]
    public void KillOneThenTwoServers_EveryChunkReturnsToThreeReplicasAndEveryFileStillReads()
    {
        var worst = TimeSpan.Zero;
        long cloneBytes = 0;
        SeedRuns.ForEachSeed(nameof(KillOneThenTwoServers_EveryChunkReturnsToThreeReplicasAndEveryFileStillReads), seed =>
        {
            var cluster = DfsRuns.Cluster(seed, servers: 7);
            var files = WriteFiles(cluster, seed, 6);
            var random = new Random(seed);
            var alive = cluster.ChunkServers.ToList();

            foreach (var victims in new[] { 1, 2 })
            {
                var killed = alive.OrderBy(_ => random.Next()).Take(victims).ToArray();
                foreach (var v in killed)
                {
                    cluster.Crash(v);
                    alive.Remove(v);
                }
                var from = cluster.Now;
                Assert.True(cluster.RunUntilReplicated(Bound),
                    $"seed {seed}: not back to 3 replicas within {Bound.TotalSeconds} s after killing {string.Join(", ", killed)}\n{cluster.Describe()}");
                worst = worst > cluster.Now - from ? worst : cluster.Now - from;
                Assert.All(cluster.Chunks(), c => Assert.True(c.Copies.Where(r => r.State == ReplicaState.Live).Select(r => r.Rack).Distinct().Count() >= 2,
                    $"seed {seed}: {c} lives on one rack only"));
                foreach (var (path, data) in files) DfsRuns.ReadsBack(cluster, path, data);
            }
            Assert.True(cluster.Counters.ClonesCompleted > 0 && cluster.Counters.ServersDeclaredDead == 3, $"seed {seed}: {cluster.Counters}");
            cloneBytes += cluster.Counters.CloneBytes;
        }, seeds: SeedRuns.Count(10));
        output.WriteLine($"slowest recovery {worst.TotalMilliseconds:F0} ms of virtual time; {cloneBytes:N0} bytes re-replicated");
    }

    [Fact]
    public void AServerThatComesBackMakesExtraReplicasThatAreTrimmedToThree()
    {
        var cluster = DfsRuns.Cluster(21);
        var files = WriteFiles(cluster, 21, 4);
        var victim = cluster.ChunkServers[0];
        var held = cluster.StoreOf(victim).List().Count;
        Assert.True(held > 0, "seed 21: the victim holds nothing; pick another");
        cluster.Crash(victim);
        Assert.True(cluster.RunUntilReplicated(Bound), $"seed 21: no recovery\n{cluster.Describe()}");

        cluster.Restart(victim); // its replicas are current (nothing was written meanwhile): four copies of some chunks
        Assert.True(cluster.RunUntil(() => cluster.Counters.ExcessReplicasDeleted > 0, Bound) && cluster.RunUntilReplicated(Bound),
            $"seed 21: excess replicas not trimmed\n{cluster.Describe()}");
        Assert.All(cluster.Chunks(), c => Assert.Equal(3, c.Copies.Count(r => r.State == ReplicaState.Live)));
        foreach (var (path, data) in files) DfsRuns.ReadsBack(cluster, path, data);
        output.WriteLine(cluster.Counters.ToString());
    }

    [Fact]
    public void APartitionedServerIsDeclaredDeadAndReplacedAndItsCopiesAreNotCountedTwiceWhenItReturns()
    {
        var cluster = DfsRuns.Cluster(22);
        var files = WriteFiles(cluster, 22, 4);
        var victim = cluster.ChunkServers.MaxBy(s => cluster.StoreOf(s).List().Count);
        cluster.Disconnect(victim);
        Assert.True(cluster.RunUntil(() => cluster.Counters.ServersDeclaredDead == 1, Bound) && cluster.RunUntilReplicated(Bound),
            $"seed 22: no recovery from a partition\n{cluster.Describe()}");
        cluster.Connect(victim);
        Assert.True(cluster.RunUntil(() => cluster.Master!.IsAlive(victim), Bound) && cluster.RunUntilReplicated(Bound),
            $"seed 22: did not settle after healing\n{cluster.Describe()}");
        foreach (var (path, data) in files) DfsRuns.ReadsBack(cluster, path, data);
    }

    [Fact]
    public void WithTwoReplicasLeftTheChunksThatLostTwoAreClonedFirst()
    {
        // GFS §4.3: "we prioritize ... a chunk that has lost two replicas over a chunk that has lost only one".
        var cluster = DfsRuns.Cluster(23, servers: 6, dfs: DfsRuns.SmallChunks with { MaxClonesPerServer = 1 });
        WriteFiles(cluster, 23, 6);
        var report = cluster.Chunks();
        var pair = cluster.ChunkServers.SelectMany(a => cluster.ChunkServers.Where(b => b.Value > a.Value).Select(b => (a, b)))
            .First(p => report.Any(c => c.Copies.Any(r => r.Server == p.a) && c.Copies.Any(r => r.Server == p.b)));
        var doubleLoss = report.Where(c => c.Copies.Any(r => r.Server == pair.a) && c.Copies.Any(r => r.Server == pair.b)).Select(c => c.Handle).ToHashSet();
        cluster.Crash(pair.a);
        cluster.Crash(pair.b);
        Assert.True(cluster.RunUntil(() => cluster.Counters.ClonesStarted > 0, Bound), "seed 23: no clone started");
        var firstClones = cluster.Simulation.Trace.Notes("master").Where(e => e.Detail.StartsWith("re-replicating", StringComparison.Ordinal)).Take(1).ToArray();
        Assert.Contains(doubleLoss, h => firstClones[0].Detail.Contains($"{h}@", StringComparison.Ordinal));
        Assert.Contains("(1 live)", firstClones[0].Detail, StringComparison.Ordinal);
        Assert.True(cluster.RunUntilReplicated(Bound), $"seed 23: no recovery\n{cluster.Describe()}");
    }

    internal static List<(string Path, byte[] Data)> WriteFiles(DfsCluster cluster, int seed, int count)
    {
        var random = new Random(DeterministicRandom.DeriveSeed(seed, 7));
        var files = new List<(string, byte[])>();
        for (var f = 0; f < count; f++)
        {
            var data = DfsRuns.Bytes(seed, f, random.Next(1, 4 * cluster.Dfs.ChunkSize));
            var path = $"/data/f{f}";
            DfsRuns.Succeeded(cluster, cluster.Write(path, data));
            files.Add((path, data));
        }
        return files;
    }
}

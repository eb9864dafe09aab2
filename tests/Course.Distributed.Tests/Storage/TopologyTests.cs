using Course.Distributed.Storage;
using Course.Simulation;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Storage;

public class TopologyTests(ITestOutputHelper output)
{
    [Fact]
    public void DistanceIsHdfsHops_AndTheChainGoesNearestNext()
    {
        var t = new DfsTopology();
        t.Place(1, new NodeLocation("r1", "h1"));
        t.Place(2, new NodeLocation("r1", "h2"));
        t.Place(3, new NodeLocation("r2", "h3"));
        t.Place(4, new NodeLocation("r2", "h4"));
        t.Place(9, new NodeLocation("r1", "h1")); // a client on h1
        Assert.Equal(0, t.Distance(9, 1));
        Assert.Equal(2, t.Distance(9, 2));
        Assert.Equal(4, t.Distance(9, 3));
        Assert.Equal([new NodeId(1), 2, 3, 4], t.ByDistance(9, [4, 3, 2, 1]).Take(2).Concat(t.ByDistance(9, [4, 3]).OrderBy(n => n.Value)));
        // GFS §3.2: client → nearest (n1) → its nearest (n2) → then across to n3's rack, and n4 next to it.
        Assert.Equal([new NodeId(1), 2, 3, 4], t.Chain(9, [3, 4, 2, 1]));
    }

    [Fact]
    public void NewChunksFollowHdfsPlacement_WritersHostThenAnotherRackTwice()
    {
        var cluster = DfsRuns.Cluster(61, servers: 9, clients: 0);
        var writerHost = cluster.ChunkServers[4];
        var client = cluster.AddClient(colocatedWith: writerHost);
        DfsRuns.Succeeded(cluster, cluster.Write("/placed", DfsRuns.Bytes(61, 0, 10 * 8192), client));
        foreach (var chunk in cluster.Chunks())
        {
            var racks = chunk.Copies.Select(c => c.Rack).ToArray();
            Assert.Contains(chunk.Copies, c => c.Server == writerHost);
            Assert.Equal(2, racks.Distinct().Count());                          // one rack failure never loses a chunk
            Assert.Equal(2, racks.Count(r => r != cluster.Topology.RackOf(writerHost))); // and only one copy crossed racks
        }
        // Spread by load: ten chunks' other replicas use every server of the other racks.
        Assert.Equal(6, cluster.Chunks().SelectMany(c => c.Copies).Select(c => c.Server).Where(s => cluster.Topology.RackOf(s) != cluster.Topology.RackOf(writerHost)).Distinct().Count());
    }

    [Fact]
    public void ReadsGoToTheNearestReplica_AndLatencyGrowsWithDistance()
    {
        var cluster = new DfsCluster(new DfsClusterOptions { Seed = 62, ChunkServers = 6, Racks = 3, Clients = 0 });
        var home = cluster.ChunkServers[0];
        var sameHost = cluster.AddClient(colocatedWith: home);
        var files = Enumerable.Range(0, 4).Select(i => (Path: $"/f{i}", Data: DfsRuns.Bytes(62, i, 100_000))).ToArray();
        foreach (var (path, data) in files) DfsRuns.Succeeded(cluster, cluster.Write(path, data, sameHost));

        // Every chunk has a replica on `home`'s host and two on one other rack: a client on the third rack is far from all.
        var homeRack = cluster.Topology.RackOf(home);
        var otherRacks = cluster.Chunks().SelectMany(c => c.Copies).Select(c => c.Rack).Where(r => r != homeRack).ToHashSet();
        var farRack = Enumerable.Range(1, 3).Select(i => $"rack{i}").First(r => r != homeRack && cluster.Chunks().Any(c => c.Copies.All(x => x.Rack != r)));
        var sameRack = cluster.AddClient(rack: homeRack);
        var far = cluster.AddClient(rack: farRack);
        foreach (var client in new[] { sameHost, sameRack, far })
            foreach (var (path, data) in files) DfsRuns.ReadsBack(cluster, path, data, client);

        // Each client read only from replicas at its smallest available distance.
        Assert.All(cluster.Client(sameHost).ChunkReads, r => Assert.Equal(DfsTopology.SameHost, r.Distance));
        Assert.All(cluster.Client(sameRack).ChunkReads, r => Assert.Equal(DfsTopology.SameRack, r.Distance));
        var rows = cluster.ReadLatencyByDistance();
        foreach (var row in rows) output.WriteLine($"{row.Label,-10} {row.Reads,3} reads, {row.Bytes,9:N0} B, mean {row.MeanMs,6:F2} ms, p95 {row.P95Ms,6:F2} ms");
        Assert.Equal([0, 2, 4], rows.Select(r => r.Distance));
        Assert.True(rows[0].MeanMs < rows[1].MeanMs && rows[1].MeanMs < rows[2].MeanMs, "read latency should grow with distance");
        Assert.True(rows[2].MeanMs > 2 * rows[1].MeanMs, "cross-rack reads share an oversubscribed uplink");
        Assert.NotEmpty(otherRacks);
    }

    [Fact]
    public void PipelinedPushesBeatSendingToEveryReplica()
    {
        // GFS §3.2: pushing along a chain uses each machine's full outbound bandwidth, instead of splitting the client's three ways.
        double WriteMs(DataFlow flow)
        {
            var cluster = new DfsCluster(new DfsClusterOptions { Seed = 63, Dfs = new DfsOptions { DataFlow = flow } });
            var write = cluster.Write("/big", DfsRuns.Bytes(63, 0, 4 * 64 * 1024));
            Assert.True(write.Succeeded, write.ToString());
            DfsRuns.ReadsBack(cluster, "/big", DfsRuns.Bytes(63, 0, 4 * 64 * 1024));
            return write.Latency!.Value.TotalMilliseconds;
        }
        var pipeline = WriteMs(DataFlow.Pipeline);
        var star = WriteMs(DataFlow.Star);
        output.WriteLine($"256 KiB, 3 replicas: pipeline {pipeline:F1} ms, star {star:F1} ms");
        Assert.True(pipeline < 0.8 * star, $"pipeline {pipeline:F1} ms vs star {star:F1} ms");
    }
}

using Course.Distributed.Storage;
using Course.Simulation;

namespace Course.Distributed.Tests.Storage;

/// <summary>Bad input throws an ArgumentException naming the parameter, instead of building a meaningless cluster.</summary>
public class BadInputTests
{
    private static string? ParamOf(Action action) => Assert.ThrowsAny<ArgumentException>(action).ParamName;

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ReplicationFactorMustBeAtLeastOne(int factor) =>
        Assert.Equal("ReplicationFactor", ParamOf(() => _ = new DfsOptions { ReplicationFactor = factor }));

    [Fact]
    public void ReplicationFactorMustNotExceedTheServers()
    {
        var e = Assert.Throws<ArgumentException>(() => new DfsCluster(new DfsClusterOptions { ChunkServers = 3, Dfs = new DfsOptions { ReplicationFactor = 4 } }));
        Assert.Equal("ReplicationFactor", e.ParamName);
        Assert.Contains("3 chunk servers", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SizesCountsAndTimesAreChecked()
    {
        Assert.Equal("ChunkServers", ParamOf(() => _ = new DfsClusterOptions { ChunkServers = 0 }));
        Assert.Equal("Racks", ParamOf(() => _ = new DfsClusterOptions { Racks = 0 }));
        Assert.Equal("Clients", ParamOf(() => _ = new DfsClusterOptions { Clients = -1 }));
        Assert.Equal("TickInterval", ParamOf(() => _ = new DfsClusterOptions { TickInterval = TimeSpan.Zero }));
        Assert.Equal("ChunkSize", ParamOf(() => _ = new DfsOptions { ChunkSize = 0 }));
        Assert.Equal("HeartbeatInterval", ParamOf(() => _ = new DfsOptions { HeartbeatInterval = TimeSpan.Zero }));
        Assert.Equal("ScrubInterval", ParamOf(() => _ = new DfsOptions { ScrubInterval = TimeSpan.FromSeconds(-1) }));
        Assert.Equal("ChecksumBlockSize", ParamOf(() => new DfsOptions { ChunkSize = 1000, ChecksumBlockSize = 300 }.Validated()));
        Assert.Equal("DeadAfter", ParamOf(() => new DfsOptions { DeadAfter = TimeSpan.FromMilliseconds(50) }.Validated()));
        Assert.Equal("ChecksumBlockSize", ParamOf(() => new DfsCluster(new DfsClusterOptions { Dfs = new DfsOptions { ChecksumBlockSize = 3000 } })));
        Assert.Equal("BytesPerSecond", ParamOf(() => _ = new LinkModel { BytesPerSecond = 0 }));
        Assert.Equal("CrossRackOversubscription", ParamOf(() => _ = new LinkModel { CrossRackOversubscription = 0.5 }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("relative/path")]
    [InlineData("/trailing/")]
    [InlineData("/a//b")]
    [InlineData("/a/../b")]
    public void PathsMustBeAbsoluteAndClean(string path)
    {
        var cluster = DfsRuns.Cluster(1);
        Assert.Equal("path", ParamOf(() => cluster.Write(path, [1])));
        Assert.Equal("path", ParamOf(() => cluster.Read(path)));
        Assert.Equal("path", ParamOf(() => cluster.List(path)));
        Assert.Equal("path", ParamOf(() => cluster.Begin(0, c => c.Append(path, [1]))));
    }

    [Fact]
    public void NullPathsAndDataAreRejected()
    {
        var cluster = DfsRuns.Cluster(1);
        Assert.Equal("path", ParamOf(() => cluster.Delete(null!)));
        Assert.Equal("data", ParamOf(() => cluster.Write("/x", null!)));
        Assert.Equal("data", ParamOf(() => cluster.Append("/x", null!)));
    }

    [Fact]
    public void UnknownNodesAndClientsAreRejectedByName()
    {
        var cluster = DfsRuns.Cluster(1);
        Assert.Equal("node", ParamOf(() => cluster.Crash(new NodeId(99))));
        Assert.Equal("node", ParamOf(() => cluster.Restart(new NodeId(-1))));
        Assert.Equal("node", ParamOf(() => cluster.Disconnect(new NodeId(99))));
        Assert.Equal("groups", ParamOf(() => cluster.Partition([new NodeId(1)], [new NodeId(99)])));
        Assert.Equal("server", ParamOf(() => cluster.CorruptReplica(cluster.MasterNode, new ChunkHandle(1))));
        Assert.Equal("server", ParamOf(() => cluster.StoreOf(cluster.Clients[0])));
        Assert.Equal("server", ParamOf(() => cluster.Server(new NodeId(42))));
        Assert.Equal("handle", ParamOf(() => cluster.CorruptReplica(cluster.ChunkServers[0], new ChunkHandle(12345))));
        Assert.Equal("client", ParamOf(() => cluster.Read("/x", client: 5)));
        Assert.Equal("colocatedWith", ParamOf(() => cluster.AddClient(colocatedWith: cluster.MasterNode)));
        Assert.Equal("rack", ParamOf(() => cluster.AddClient(rack: "")));
        Assert.Equal("server", ParamOf(() => cluster.Begin(0, c => c.ReadReplica(new NodeId(77), new ChunkHandle(1), 1, 0, 1))));
        Assert.Equal("node", ParamOf(() => new DfsTopology().LocationOf(new NodeId(3))));
    }

    [Fact]
    public void OffsetsOutsideAReplicaAreRejected()
    {
        var cluster = DfsRuns.Cluster(1);
        DfsRuns.Succeeded(cluster, cluster.Write("/f", [1, 2, 3]));
        var chunk = cluster.Chunks().Single();
        Assert.Equal("offset", ParamOf(() => cluster.CorruptReplica(chunk.Copies[0].Server, chunk.Handle, 3)));
    }
}

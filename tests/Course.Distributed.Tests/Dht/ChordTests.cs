using Course.Distributed.Dht;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Dht;

public class ChordTests(ITestOutputHelper output)
{
    private const int Seed = 7;

    [Fact]
    public void OnAThousandNodesEveryLookupFindsTheSuccessorInAboutHalfLogNHops()
    {
        var cluster = new ChordCluster(1024, Seed);
        cluster.RunFor(TimeSpan.FromMilliseconds(200));
        var results = cluster.LookupMany(500);
        var hops = HopStatistics.Of(results.Select(r => r.Hops));
        output.WriteLine($"seed {Seed}: hops {hops}");
        Assert.All(results, r => Assert.True(r.Correct, $"seed {Seed}: lookup of {r.Key:x} from {r.Origin} gave {r.Successor}, expected {r.Expected}"));
        Assert.InRange(hops.Mean, 4.0, 6.0); // ½·log2(1024) = 5
    }

    [Fact]
    public void LookupsStillSucceedAfterTwentyPercentOfNodesFail()
    {
        var cluster = new ChordCluster(1024, Seed);
        cluster.RunFor(TimeSpan.FromMilliseconds(100));
        cluster.FailFraction(0.2);
        cluster.RunFor(TimeSpan.FromSeconds(1)); // stabilize drops dead successors, fix_fingers repairs the table
        Assert.True(cluster.RingIsConsistent(), $"seed {Seed}: ring not repaired");
        var results = cluster.LookupMany(500);
        var hops = HopStatistics.Of(results.Select(r => r.Hops));
        output.WriteLine($"seed {Seed}: after 20% failures hops {hops}, timeouts {results.Sum(r => r.Timeouts)}");
        Assert.All(results, r => Assert.True(r.Correct, $"seed {Seed}: lookup of {r.Key:x} from {r.Origin} gave {r.Successor}, expected {r.Expected}"));
    }

    [Fact]
    public void NodesJoiningOneByOneStabilizeIntoACorrectRing()
    {
        var cluster = new ChordCluster(48, Seed, bootstrap: ChordBootstrap.Join);
        cluster.JoinAll(TimeSpan.FromMilliseconds(30));
        cluster.RunFor(TimeSpan.FromSeconds(2));
        Assert.Equal(48, cluster.LiveRing.Count);
        Assert.True(cluster.RingIsConsistent(), $"seed {Seed}: ring not consistent after joins");
        var results = cluster.LookupMany(300);
        output.WriteLine($"seed {Seed}: 48 joined nodes, hops {HopStatistics.Of(results.Select(r => r.Hops))}");
        Assert.All(results, r => Assert.True(r.Correct, $"seed {Seed}: lookup of {r.Key:x} gave {r.Successor}, expected {r.Expected}"));
    }

    [Fact]
    public void SmallIdentifierSpacesWork()
    {
        var cluster = new ChordCluster(16, Seed, new ChordOptions { Bits = 6, SuccessorListLength = 3 });
        cluster.RunFor(TimeSpan.FromMilliseconds(100));
        Assert.All(cluster.LookupMany(200), r => Assert.True(r.Correct, $"seed {Seed}: {r.Key} → {r.Successor}, expected {r.Expected}"));
    }

    [Fact]
    public void TheSameSeedGivesTheSameLookups()
    {
        static IEnumerable<string> Run()
        {
            var cluster = new ChordCluster(128, Seed);
            cluster.FailFraction(0.1);
            cluster.RunFor(TimeSpan.FromMilliseconds(300));
            return cluster.LookupMany(100).Select(r => $"{r.Origin}:{r.Key:x}:{string.Join(",", r.Path)}");
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void ALookupPathIsPlainData()
    {
        var cluster = new ChordCluster(128, Seed);
        var r = cluster.Lookup(cluster.Nodes[3], 0x1234_5678_9abc_def0);
        Assert.True(r.Correct);
        Assert.Equal(r.Hops, r.Path.Count);
        Assert.All(r.Path, p => Assert.Equal(cluster.PeerOf(p.Node), p));
    }

    [Fact]
    public void BadInputIsRejectedByParameterName()
    {
        Assert.Equal("size", Assert.ThrowsAny<ArgumentException>(() => new ChordCluster(0)).ParamName);
        Assert.Equal("Bits", Assert.ThrowsAny<ArgumentException>(() => new ChordOptions { Bits = 65 }).ParamName);
        Assert.Equal("Bits", Assert.ThrowsAny<ArgumentException>(() => new ChordOptions { Bits = 0 }).ParamName);
        Assert.Equal("SuccessorListLength", Assert.ThrowsAny<ArgumentException>(() => new ChordOptions { SuccessorListLength = 0 }).ParamName);
        Assert.Equal("size", Assert.ThrowsAny<ArgumentException>(() => new ChordCluster(20, options: new ChordOptions { Bits = 4 })).ParamName);
        Assert.Equal("ids", Assert.ThrowsAny<ArgumentException>(() => new ChordCluster(2, ids: [5, 5])).ParamName);
        Assert.Equal("ids", Assert.ThrowsAny<ArgumentException>(() => new ChordCluster(2, options: new ChordOptions { Bits = 4 }, ids: [1, 16])).ParamName);
        var cluster = new ChordCluster(4);
        Assert.Equal("origin", Assert.ThrowsAny<ArgumentException>(() => cluster.Lookup(9, 1)).ParamName);
        Assert.Equal("node", Assert.ThrowsAny<ArgumentException>(() => cluster.PeerOf(-1)).ParamName);
    }
}

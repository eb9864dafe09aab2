using Course.Distributed.Dht;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Dht;

public class KademliaTests(ITestOutputHelper output)
{
    private const int Seed = 7;

    [Fact]
    public void OnAThousandNodesEveryLookupFindsTheClosestNodeWithinLogNRounds()
    {
        var cluster = new KademliaCluster(1024, Seed);
        var results = cluster.LookupMany(500);
        var rounds = HopStatistics.Of(results.Select(r => r.Rounds));
        var messages = HopStatistics.Of(results.Select(r => r.Messages));
        output.WriteLine($"seed {Seed}: rounds {rounds}");
        output.WriteLine($"seed {Seed}: messages mean {messages.Mean:F1}, max {messages.Max}");
        Assert.All(results, r => Assert.True(r.Correct, $"seed {Seed}: lookup of {r.Target:x16} from {r.Origin} ended at {r.Closest.FirstOrDefault()}, expected {r.ExpectedClosest}"));
        Assert.True(rounds.Mean <= Math.Log2(1024), $"seed {Seed}: mean rounds {rounds.Mean}");
    }

    [Fact]
    public void LookupsStillSucceedAfterTwentyPercentOfNodesFail()
    {
        var cluster = new KademliaCluster(1024, Seed);
        cluster.FailFraction(0.2);
        var results = cluster.LookupMany(500);
        var rounds = HopStatistics.Of(results.Select(r => r.Rounds));
        output.WriteLine($"seed {Seed}: after 20% failures rounds {rounds}, messages mean {results.Average(r => r.Messages):F1}, timeouts {results.Sum(r => r.Timeouts)}");
        Assert.All(results, r => Assert.True(r.Correct, $"seed {Seed}: lookup of {r.Target:x16} from {r.Origin} ended at {r.Closest.FirstOrDefault()}, expected {r.ExpectedClosest}"));
    }

    [Fact]
    public void FindValueReturnsStoredValuesEvenAfterFailures()
    {
        var cluster = new KademliaCluster(512, Seed);
        var random = new Random(Seed);
        var keys = Enumerable.Range(0, 50).Select(_ => (ulong)random.NextInt64()).ToList();
        foreach (var key in keys) cluster.Store(cluster.Nodes[random.Next(cluster.Size)], key, $"v{key:x}");
        cluster.RunFor(TimeSpan.FromMilliseconds(50)); // let the STOREs land
        cluster.FailFraction(0.2);
        var live = cluster.Nodes.Where(cluster.IsUp).ToList();
        foreach (var key in keys)
        {
            var r = cluster.FindValue(live[random.Next(live.Count)], key);
            Assert.True(r.Value == $"v{key:x}", $"seed {Seed}: FIND_VALUE {key:x16} gave {r.Value ?? "nothing"}");
        }
        Assert.Null(cluster.FindValue(live[0], 12345).Value);
    }

    [Fact]
    public void NodesJoiningOneByOneBuildWorkingRoutingTables()
    {
        var cluster = new KademliaCluster(128, Seed, joinSequentially: true);
        var results = cluster.LookupMany(200);
        output.WriteLine($"seed {Seed}: 128 joined nodes, rounds {HopStatistics.Of(results.Select(r => r.Rounds))}");
        Assert.All(results, r => Assert.True(r.Correct, $"seed {Seed}: lookup of {r.Target:x16} ended at {r.Closest.FirstOrDefault()}, expected {r.ExpectedClosest}"));
    }

    [Fact]
    public void TheSameSeedGivesTheSameLookups()
    {
        static IEnumerable<string> Run()
        {
            var cluster = new KademliaCluster(128, Seed);
            cluster.FailFraction(0.1);
            return cluster.LookupMany(100).Select(r => $"{r.Origin}:{r.Target:x}:{r.Rounds}:{r.Messages}:{string.Join(",", r.Path)}");
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void ALookupPathIsPlainData()
    {
        var cluster = new KademliaCluster(128, Seed);
        var r = cluster.FindNode(cluster.Nodes[3], 0x1234_5678_9abc_def0);
        Assert.True(r.Correct);
        Assert.Equal(r.Messages, r.Path.Count);
        Assert.All(r.Path, h => Assert.Equal(cluster.ContactOf(h.Contact.Node), h.Contact));
        Assert.All(r.Path, h => Assert.InRange(h.Round, 1, r.Rounds));
    }

    [Fact]
    public void BadInputIsRejectedByParameterName()
    {
        Assert.Equal("size", Assert.ThrowsAny<ArgumentException>(() => new KademliaCluster(0)).ParamName);
        Assert.Equal("K", Assert.ThrowsAny<ArgumentException>(() => new KademliaOptions { K = 0 }).ParamName);
        Assert.Equal("Alpha", Assert.ThrowsAny<ArgumentException>(() => new KademliaOptions { Alpha = 0 }).ParamName);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => new KBuckets(1, 0)).ParamName);
        Assert.Equal("ids", Assert.ThrowsAny<ArgumentException>(() => new KademliaCluster(3, ids: [1, 2, 1])).ParamName);
        var cluster = new KademliaCluster(4);
        Assert.Equal("origin", Assert.ThrowsAny<ArgumentException>(() => cluster.FindNode(4, 1)).ParamName);
        Assert.Equal("node", Assert.ThrowsAny<ArgumentException>(() => cluster.ContactOf(-1)).ParamName);
    }
}

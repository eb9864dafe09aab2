using Course.Distributed.Partitioning;
using Course.Distributed.Tests.Raft;
using Course.Simulation;

namespace Course.Distributed.Tests.Partitioning;

/// <summary>Dynamo-style replication in the simulator (DeCandia et al. 2007). Seeds are fixed (1..n) and printed on failure.</summary>
public class DynamoTests
{
    private static readonly DynamoOptions Quorum = new() { Nodes = 5, N = 3, R = 2, W = 2 };

    [Fact]
    public void WithROverlappingWAReadAfterAnAcknowledgedWriteSeesItUnderAnySingleNodeFailure()
    {
        SeedRuns.ForEachSeed(nameof(WithROverlappingWAReadAfterAnAcknowledgedWriteSeesItUnderAnySingleNodeFailure), seed =>
        {
            for (var failed = 0; failed < Quorum.Nodes; failed++)
            {
                var cluster = new DynamoCluster(Quorum, seed);
                for (var k = 0; k < 4; k++)
                {
                    var key = $"key-{k}";
                    Assert.True(cluster.Put(key, "a").Ok, $"seed {seed}: put a");
                    cluster.Crash(failed); // fails before the write
                    var b = cluster.Put(key, "b", cluster.Get(key).Context);
                    Assert.True(b.Ok, $"seed {seed}, n{failed} down: put b");
                    var read = cluster.Get(key);
                    Assert.True(read.Ok && !read.Stale && read.Values.SequenceEqual(["b"]), $"seed {seed}, n{failed} down: {read}");
                    cluster.Restart(failed);
                    var c = cluster.Put(key, "c", read.Context);
                    Assert.True(c.Ok, $"seed {seed}: put c");
                    cluster.Crash(failed); // fails right after the write was acknowledged
                    read = cluster.Get(key);
                    Assert.True(read.Ok && !read.Stale && read.Values.SequenceEqual(["c"]), $"seed {seed}, n{failed} crashed after the ack: {read}");
                    cluster.Restart(failed);
                    cluster.RunFor(TimeSpan.FromMilliseconds(300)); // hints go home before the next round
                }
                Assert.Equal(0, cluster.Report().StaleReads);
            }
        }, seeds: SeedRuns.Count(5));
    }

    [Fact]
    public void WithRPlusWAtMostNSomeSeedReadsStale()
    {
        // Some replica writes arrive late (up to 200 ms); the replica timeout is longer, so no fallback muddles the quorums.
        var slow = new NetworkConditions { LongDelayProbability = 0.2, LongDelay = TimeSpan.FromMilliseconds(200) };
        var patient = Quorum with { ReplicaTimeout = TimeSpan.FromSeconds(1), RequestTimeout = TimeSpan.FromSeconds(3) };
        var staleSeeds = new List<int>();
        var overlapStale = new List<int>();
        for (var seed = 1; seed <= 10; seed++)
        {
            foreach (var (options, stale) in new[] { (patient with { R = 1, W = 1 }, staleSeeds), (patient, overlapStale) })
            {
                var cluster = new DynamoCluster(options, seed, slow);
                for (var k = 0; k < 5; k++)
                {
                    var key = $"key-{k}";
                    cluster.Put(key, "old");
                    cluster.RunFor(TimeSpan.FromMilliseconds(500));
                    cluster.Put(key, "new", cluster.Get(key).Context);
                    cluster.Get(key);
                }
                if (cluster.Report().StaleReads > 0) stale.Add(seed);
            }
        }
        Assert.True(staleSeeds.Count > 0, "R=1, W=1, N=3: no stale read on seeds 1..10");
        Console.WriteLine($"R=1, W=1, N=3: stale reads on seeds [{string.Join(", ", staleSeeds)}]");
        Assert.True(overlapStale.Count == 0, $"R=2, W=2, N=3 read stale on seeds [{string.Join(", ", overlapStale)}]");
    }

    [Fact]
    public void ConcurrentWritesBecomeSiblingsAndTheClientMergeResolvesThem()
    {
        SeedRuns.ForEachSeed(nameof(ConcurrentWritesBecomeSiblingsAndTheClientMergeResolvesThem), seed =>
        {
            var cluster = new DynamoCluster(Quorum, seed);
            const string key = "cart";
            Assert.True(cluster.Put(key, "milk").Ok);
            var context = cluster.Get(key).Context;
            var first = cluster.Ring.Walk(key)[0];
            Assert.True(cluster.Put(key, "milk,eggs", context).Ok); // coordinated by the first owner
            cluster.Disconnect(first);
            Assert.True(cluster.Put(key, "milk,bread", context).Ok); // same context, another coordinator: concurrent
            var read = cluster.Get(key);
            Assert.True(read.HasSiblings, $"seed {seed}: {read}");
            Assert.Equal(["milk,bread", "milk,eggs"], read.Values);

            var merged = cluster.Resolve(key, siblings => string.Join(",", siblings.SelectMany(s => s.Value.Split(',')).Distinct().Order()));
            Assert.True(merged.Ok, $"seed {seed}");
            cluster.Connect(first);
            Assert.True(cluster.RunUntil(() => cluster.HintsPending == 0, TimeSpan.FromSeconds(5)), $"seed {seed}: hints not delivered");
            var after = cluster.Get(key);
            Assert.Equal(["bread,eggs,milk"], after.Values);
            Assert.True(cluster.Report().SiblingReads >= 1);
        }, seeds: SeedRuns.Count(5));
    }

    [Fact]
    public void HintedHandoffDeliversHintsWhenTheOwnerRecovers()
    {
        SeedRuns.ForEachSeed(nameof(HintedHandoffDeliversHintsWhenTheOwnerRecovers), seed =>
        {
            var cluster = new DynamoCluster(Quorum, seed);
            const string key = "k";
            var owner = cluster.PreferenceList(key)[1];
            cluster.Crash(owner);
            Assert.True(cluster.Put(key, "v").Ok, $"seed {seed}");
            cluster.RunFor(TimeSpan.FromMilliseconds(500));
            Assert.True(cluster.Stats.HintsStored >= 1 && cluster.HintsPending >= 1, $"seed {seed}: {cluster.Stats}");
            Assert.Equal(0, cluster.Stats.HintsDelivered);

            cluster.Restart(owner);
            Assert.True(cluster.RunUntil(() => cluster.HintsPending == 0, TimeSpan.FromSeconds(5)), $"seed {seed}: {cluster.Stats}");
            Assert.True(cluster.Stats.HintsDelivered >= 1);
            Assert.Equal(["v"], cluster.StoredAt(owner, key).Select(s => s.Value));
        }, seeds: SeedRuns.Count(5));
    }

    [Fact]
    public void ReadRepairFixesAStaleOwner()
    {
        var cluster = new DynamoCluster(Quorum with { SloppyQuorum = false, HintedHandoff = false }, seed: 7);
        const string key = "k";
        var owner = cluster.PreferenceList(key)[2];
        cluster.Disconnect(owner);
        Assert.True(cluster.Put(key, "v").Ok);
        cluster.Connect(owner);
        Assert.Empty(cluster.StoredAt(owner, key));
        for (var i = 0; i < 5 && cluster.StoredAt(owner, key).Count == 0; i++)
        {
            cluster.Get(key);
            cluster.RunFor(TimeSpan.FromMilliseconds(100));
        }
        Assert.Equal(["v"], cluster.StoredAt(owner, key).Select(s => s.Value));
        Assert.True(cluster.Stats.ReadRepairs >= 1);
    }

    [Fact]
    public void MerkleAntiEntropyConvergesDivergentReplicasMovingOnlyDifferingRanges()
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var options = Quorum with { SloppyQuorum = false, HintedHandoff = false, ReadRepair = false, AntiEntropyInterval = TimeSpan.FromMilliseconds(100) };
            var cluster = new DynamoCluster(options, seed);
            var keys = Enumerable.Range(0, 200).Select(i => $"key-{i}").ToArray();
            foreach (var key in keys) Assert.True(cluster.Put(key, "v1").Ok);
            cluster.RunFor(TimeSpan.FromSeconds(1));
            Assert.Empty(cluster.DivergentKeys(keys));

            var lagging = new NodeId(2);
            cluster.Disconnect(lagging);
            var missed = keys.Where(k => cluster.PreferenceList(k).Contains(lagging)).Take(8).ToArray();
            foreach (var key in missed) Assert.True(cluster.Put(key, "v2", cluster.Get(key).Context).Ok);
            var sentBefore = cluster.Stats.MerkleKeysSent;
            cluster.Connect(lagging);
            Assert.Equal(missed.Order(), cluster.DivergentKeys(keys).Order());

            var converged = false;
            for (var step = 0; step < 50 && !converged; step++)
            {
                cluster.RunFor(TimeSpan.FromMilliseconds(100));
                converged = cluster.DivergentKeys(keys).Count == 0;
            }
            var keysSent = cluster.Stats.MerkleKeysSent - sentBefore;
            Assert.True(converged, $"seed {seed}: still divergent {string.Join(", ", cluster.DivergentKeys(keys))}; {cluster.Stats}");
            // Each owner pair shares ~60 keys; a full exchange per pair would send hundreds. Only the differing leaf ranges move.
            Assert.True(keysSent >= missed.Length && keysSent <= 6 * missed.Length, $"seed {seed}: {keysSent} keys sent for {missed.Length} divergent; {cluster.Stats}");
        }
    }

    [Fact]
    public void BadQuorumsAndEmptyKeysNameTheParameter()
    {
        foreach (var (options, name) in new[]
        {
            (Quorum with { N = 0 }, "N"), (Quorum with { N = 6 }, "N"),
            (Quorum with { R = 0 }, "R"), (Quorum with { R = 4 }, "R"),
            (Quorum with { W = 0 }, "W"), (Quorum with { W = 4 }, "W"),
        })
            Assert.Equal(name, Assert.ThrowsAny<ArgumentException>(() => new DynamoCluster(options, 1)).ParamName);
        var cluster = new DynamoCluster(Quorum, 1);
        Assert.Equal("key", Assert.ThrowsAny<ArgumentException>(() => cluster.Put("", "v")).ParamName);
        Assert.Equal("key", Assert.ThrowsAny<ArgumentException>(() => cluster.Get("")).ParamName);
    }
}

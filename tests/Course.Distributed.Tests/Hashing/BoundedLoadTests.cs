using Course.Distributed.Hashing;
using Xunit.Abstractions;
using static Course.Distributed.Tests.Hashing.HashingRuns;

using Course.Distributed.Tests.Raft;

namespace Course.Distributed.Tests.Hashing;

public class BoundedLoadTests(ITestOutputHelper output)
{
    private static BoundedLoadRing Placed(int nodes, double epsilon, ulong[] keys)
    {
        var ring = new BoundedLoadRing(Nodes(nodes), epsilon);
        foreach (var k in keys) ring.Locate(k);
        return ring;
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.05)]
    public void NoNodeExceedsTheCapacity(double epsilon) => SeedRuns.ForEachSeed(nameof(NoNodeExceedsTheCapacity), seed =>
    {
        var keys = Keys(100_000, seed);
        var ring = Placed(10, epsilon, keys);
        var capacity = (int)Math.Ceiling((1 + epsilon) * keys.Length / 10);
        Assert.Equal(capacity, ring.Capacity);
        var report = Placement.Load(ring, keys);
        output.WriteLine($"seed={seed} ε={epsilon} capacity={capacity}: {Describe(report)}");
        Assert.All(ring.Loads.Values, l => Assert.True(l <= capacity, $"seed {seed}: load {l} > capacity {capacity}"));
        Assert.True(report.MaxOverMean <= 1 + epsilon + 1e-3, Describe(report));
        Assert.Equal(keys.Length, ring.Loads.Values.Sum());
    }, seeds: 3);

    [Fact]
    public void WithAGenerousEpsilonItIsThePlainRing()
    {
        var keys = Keys(50_000, seed: 7);
        var bounded = Placed(10, 10.0, keys);
        var ring = new ConsistentHashRing(Nodes(10));
        Assert.All(keys, k => Assert.Equal(ring.Locate(k), bounded.Locate(k)));
    }

    // Mirrokni et al.: a node joining or leaving moves O(1/ε²) keys per key that must move; at ε = 0.25 the
    // measured cost is a small multiple of the ideal 1/(n+1).
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AMembershipChangeMovesFewKeys(bool add) => SeedRuns.ForEachSeed(nameof(AMembershipChangeMovesFewKeys), seed =>
    {
        var keys = Keys(50_000, seed);
        var before = Placed(10, 0.25, keys);
        var after = add ? before.WithNode("node-new") : before.WithoutNode("node-3");
        var report = Placement.Movement(before, after, keys);
        output.WriteLine($"seed={seed} {(add ? "add" : "remove")}: {Describe(report)}");
        Assert.True(report.OverIdeal < 2.0, $"seed {seed}: {Describe(report)}");
    }, seeds: 3);

    [Fact]
    public void KnownKeysKeepTheirNode()
    {
        var ring = new BoundedLoadRing(Nodes(3), 0.1);
        var first = ring.Locate("alpha");
        foreach (var k in Keys(1000, seed: 8)) ring.Locate(k);
        Assert.Equal(first, ring.Locate("alpha"));
        Assert.Equal(1001, ring.KeyCount);
    }
}

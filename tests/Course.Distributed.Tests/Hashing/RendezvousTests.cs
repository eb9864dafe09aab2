using Course.Distributed.Hashing;
using Xunit.Abstractions;
using static Course.Distributed.Tests.Hashing.HashingRuns;

using Course.Distributed.Tests.Raft;

namespace Course.Distributed.Tests.Hashing;

public class RendezvousTests(ITestOutputHelper output)
{
    [Fact]
    public void AddingANodeMovesOnlyKeysToItAboutOneInNPlusOne() => SeedRuns.ForEachSeed(nameof(AddingANodeMovesOnlyKeysToItAboutOneInNPlusOne), seed =>
    {
        var keys = Keys(100_000, seed);
        var before = new RendezvousHashing(Nodes(10));
        var after = before.WithNode("node-new");
        var report = Placement.Movement(before, after, keys);
        output.WriteLine($"seed={seed}: {Describe(report)}");
        Assert.All(keys.Where(k => before.Locate(k) != after.Locate(k)), k => Assert.Equal("node-new", after.Locate(k)));
        Assert.InRange(report.MovedFraction, 1.0 / 11 - 0.006, 1.0 / 11 + 0.006); // σ ≈ 0.0009
    }, seeds: 3);

    [Fact]
    public void RemovingANodeMovesOnlyItsKeys() => SeedRuns.ForEachSeed(nameof(RemovingANodeMovesOnlyItsKeys), seed =>
    {
        var keys = Keys(100_000, seed);
        var before = new RendezvousHashing(Nodes(10));
        var report = Placement.Movement(before, before.WithoutNode("node-7"), keys);
        output.WriteLine($"seed={seed}: {Describe(report)}");
        Assert.Equal(keys.Count(k => before.Locate(k) == "node-7"), report.Moved);
        Assert.Equal(0, report.Needless);
    }, seeds: 3);

    [Fact]
    public void LoadIsBalancedWithoutVirtualNodes()
    {
        const int seed = 5;
        var report = Placement.Load(new RendezvousHashing(Nodes(10)), Keys(200_000, seed));
        output.WriteLine($"seed={seed}: {Describe(report)}");
        Assert.True(report.MaxOverMean < 1.03, Describe(report));
    }
}

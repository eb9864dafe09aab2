using Course.Distributed.Hashing;
using Xunit.Abstractions;
using static Course.Distributed.Tests.Hashing.HashingRuns;

using Course.Distributed.Tests.Raft;

namespace Course.Distributed.Tests.Hashing;

public class MaglevTests(ITestOutputHelper output)
{
    // §3.4: the nodes take turns filling the table, so each ends with ⌊M/N⌋ or ⌈M/N⌉ slots.
    [Theory]
    [InlineData(10, 65537)]
    [InlineData(100, 65537)]
    [InlineData(1000, 65537)]
    [InlineData(7, 13)]
    public void EveryNodeGetsTheFloorOrCeilingOfMOverNSlots(int n, int m)
    {
        var maglev = new MaglevHashing(Nodes(n), m);
        var slots = maglev.SlotsPerNode;
        output.WriteLine($"n={n} M={m}: slots {slots.Values.Min()}..{slots.Values.Max()}");
        Assert.All(slots.Values, s => Assert.InRange(s, m / n, (m + n - 1) / n));
        Assert.Equal(m, slots.Values.Sum());
    }

    [Fact]
    public void KeysFollowTheTableSoLoadIsBalanced()
    {
        const int seed = 6;
        var report = Placement.Load(new MaglevHashing(Nodes(10)), Keys(200_000, seed));
        output.WriteLine($"seed={seed}: {Describe(report)}");
        Assert.True(report.MaxOverMean < 1.03, Describe(report));
    }

    // The paper's resilience evaluation: with M = 65537 the table entries that change when a backend fails stay close to the
    // minimum, the failed backends' own share; the surplus shrinks as M grows (M = 655373).
    [Theory]
    [InlineData(65537, 1.6)]
    [InlineData(655373, 1.4)]
    public void RemovingANodeChangesFewSlotsBeyondItsOwn(int m, double overIdeal)
    {
        var nodes = Nodes(100);
        var before = new MaglevHashing(nodes, m);
        var after = (MaglevHashing)before.WithoutNode("node-42");
        var (t0, t1) = (before.Table, after.Table);
        var changed = Enumerable.Range(0, m).Count(i => t0[i] != t1[i]);
        var own = t0.Count(o => o == "node-42");
        var needless = changed - own;
        output.WriteLine($"M={m} n=100, remove one: slots changed={changed} ({(double)changed / m:P3}), its own={own}, others' slots moved={needless} ({(double)needless / m:P3}), over ideal={(double)changed / own:F3}");
        Assert.True((double)changed / own <= overIdeal, $"M={m}: {changed} slots changed against {own} owned by the removed node");
    }

    [Fact]
    public void KeyMovementOnRemovalIsCloseToIdeal() => SeedRuns.ForEachSeed(nameof(KeyMovementOnRemovalIsCloseToIdeal), seed =>
    {
        var keys = Keys(100_000, seed);
        var before = new MaglevHashing(Nodes(100));
        var report = Placement.Movement(before, before.WithoutNode("node-42"), keys);
        output.WriteLine($"seed={seed} n=100: {Describe(report)}");
        Assert.InRange(report.OverIdeal, 0.8, 1.8);
    }, seeds: 3);
}

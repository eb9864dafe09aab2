using Course.Distributed.Hashing;
using static Course.Distributed.Tests.Hashing.HashingRuns;

namespace Course.Distributed.Tests.Hashing;

/// <summary>Bad input throws an ArgumentException naming the parameter.</summary>
public class BadInputTests
{
    private static string? ParamOf(Action action) => Assert.ThrowsAny<ArgumentException>(action).ParamName;

    public static TheoryData<Func<IEnumerable<string>, INodeLocator>> Schemes => new()
    {
        n => new ConsistentHashRing(n),
        n => new RendezvousHashing(n),
        n => new JumpConsistentHash(n),
        n => new MaglevHashing(n),
        n => new BoundedLoadRing(n, 0.25),
    };

    [Theory]
    [MemberData(nameof(Schemes))]
    public void NodeSetsMustBeNonEmptyAndDistinct(Func<IEnumerable<string>, INodeLocator> make)
    {
        Assert.Equal("nodes", ParamOf(() => make([])));
        Assert.Equal("nodes", ParamOf(() => make(["a", "b", "a"])));
        Assert.Equal("nodes", ParamOf(() => make(["a", ""])));
        var locator = make(["a", "b"]);
        Assert.Equal("node", ParamOf(() => locator.WithNode("a")));
        Assert.Equal("node", ParamOf(() => locator.WithoutNode("zzz")));
        Assert.Equal("node", ParamOf(() => locator.WithoutNode("b").WithoutNode("a")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void VirtualNodesMustBePositive(int v)
    {
        Assert.Equal("virtualNodes", ParamOf(() => _ = new ConsistentHashRing(Nodes(3), v)));
        Assert.Equal("virtualNodes", ParamOf(() => _ = new BoundedLoadRing(Nodes(3), 0.25, v)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void EpsilonMustBePositive(double epsilon) =>
        Assert.Equal("epsilon", ParamOf(() => _ = new BoundedLoadRing(Nodes(3), epsilon)));

    [Theory]
    [InlineData(65536)]   // not prime
    [InlineData(1)]
    [InlineData(7)]       // prime, but fewer slots than the 10 nodes
    public void MaglevTableSizeMustBePrimeAndAtLeastTheNodes(int m) =>
        Assert.Equal("tableSize", ParamOf(() => _ = new MaglevHashing(Nodes(10), m)));
}

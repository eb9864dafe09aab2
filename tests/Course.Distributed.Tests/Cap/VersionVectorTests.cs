using Course.Distributed.Cap;

namespace Course.Distributed.Tests.Cap;

/// <summary>The building blocks: version vectors, sibling sets, causal histories.</summary>
public class VersionVectorTests
{
    private static VersionVector V(params (int Replica, long Counter)[] entries) =>
        entries.Aggregate(VersionVector.Empty, (v, e) => v.With(e.Replica, e.Counter));

    [Fact]
    public void VersionsCompareByHappensBefore()
    {
        Assert.Equal(Causality.Equal, V((0, 1)).Compare(V((0, 1), (1, 0))));
        Assert.Equal(Causality.Before, V((0, 1)).Compare(V((0, 2))));
        Assert.Equal(Causality.After, V((0, 2), (1, 1)).Compare(V((0, 2))));
        Assert.Equal(Causality.Concurrent, V((0, 1)).Compare(V((1, 1))));
        Assert.Equal(V((0, 2), (1, 3)), V((0, 2), (1, 1)).Merge(V((1, 3))));
        Assert.Equal("{r0:2, r1:3}", V((0, 2), (1, 3)).ToString());
        Assert.Equal("counter", Assert.Throws<ArgumentOutOfRangeException>(() => VersionVector.Empty.With(0, -1)).ParamName);
    }

    [Fact]
    public void SiblingsKeepConcurrentVersionsAndDropSupersededOnes()
    {
        var a = new Sibling("a", V((0, 1)), CausalHistory.Empty.With(1));
        var b = new Sibling("b", V((1, 1)), CausalHistory.Empty.With(2));
        var c = new Sibling("c", V((0, 1), (1, 1), (2, 1)), CausalHistory.Empty.With(1).With(2).With(3));

        var ab = Siblings.Merge([a], [b]);
        Assert.Equal(["a", "b"], ab.Select(s => s.Value));
        Assert.Equal(V((0, 1), (1, 1)), Siblings.Context(ab));
        Assert.Equal(["c"], Siblings.Merge(ab, [c]).Select(s => s.Value));
        Assert.Equal(["c"], Siblings.Merge([c], ab).Select(s => s.Value)); // commutative
        Assert.Equal(["a", "b"], Siblings.Merge(ab, ab).Select(s => s.Value)); // idempotent
        Assert.True(Siblings.SameVersions(ab, Siblings.Merge([b], [a])));
    }

    [Fact]
    public void CausalHistoriesAreSortedSetsOfWriteIds()
    {
        var h = CausalHistory.Empty.With(5).With(1).With(3).With(3);
        Assert.Equal([1L, 3L, 5L], h.Ids);
        Assert.Equal([1L, 2L, 3L, 5L, 8L], h.Union(CausalHistory.Empty.With(2).With(8).With(3)).Ids);
        Assert.True(h.Contains(3));
        Assert.False(h.Contains(4));
        Assert.Same(h, h.Union(CausalHistory.Empty));
    }
}

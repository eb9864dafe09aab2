using Course.LoadBalancing.L3;
using Xunit.Abstractions;

namespace Course.LoadBalancing.Tests.L3;

public class EcmpTests(ITestOutputHelper output)
{
    private static readonly string[] Links = ["l1", "l2", "l3", "l4"];

    [Theory]
    [InlineData(EcmpHashing.Modulo)]
    [InlineData(EcmpHashing.Resilient)]
    public void EveryPacketOfAFlowTakesTheSameLink(EcmpHashing hashing)
    {
        var group = new EcmpGroup(Links, hashing);
        Assert.Equal(0, EcmpExperiment.FlowsSplitAcrossLinks(group, FiveTuple.RandomFlows(2000, seed: 1), packetsPerFlow: 20));
    }

    [Theory]
    [InlineData(EcmpHashing.Modulo)]
    [InlineData(EcmpHashing.Resilient)]
    public void FlowsSpreadEvenlyOverTheLinks(EcmpHashing hashing)
    {
        var r = EcmpExperiment.LinkFailure(Links, hashing, "l2", flows: 40_000, seed: 2);
        output.WriteLine($"{hashing}: {string.Join(" ", r.FlowsPerHopBefore.Select(p => $"{p.Key}={p.Value}"))}");
        Assert.All(r.FlowsPerHopBefore.Values, n => Assert.InRange(n, 9_500, 10_500));   // 10,000 ± 5 sd
    }

    // Modulo, worked by hand over the 12 residues of hash mod 12: before, link [l1,l2,l3,l4][h mod 4]; after, [l1,l3,l4][h mod 3].
    // 3 residues (1, 5, 9) were on l2; of the other 9 only 0 (l1→l1), 10 (l3→l3) and 11 (l4→l4) keep their link, so 6/9 = 2/3
    // of the surviving links' flows move for nothing. Resilient: none of them move.
    [Fact]
    public void OnALinkFailureModuloMovesMostFlowsAndResilientOnlyTheFailedLinks()
    {
        var modulo = EcmpExperiment.LinkFailure(Links, EcmpHashing.Modulo, "l2", flows: 40_000, seed: 3);
        var resilient = EcmpExperiment.LinkFailure(Links, EcmpHashing.Resilient, "l2", flows: 40_000, seed: 3);
        output.WriteLine($"modulo: on l2 {modulo.OnFailedLink}, moved needlessly {modulo.MovedNeedlessly} ({modulo.NeedlessFraction:P1}); resilient: {resilient.MovedNeedlessly}");
        Assert.Equal(2.0 / 3, modulo.NeedlessFraction, 0.02);
        Assert.Equal(0, resilient.MovedNeedlessly);
        Assert.Equal(modulo.OnFailedLink, resilient.OnFailedLink);   // the same flows hashed to l2 in both (buckets are hash mod 256, 256 ≡ 0 mod 4)
        Assert.All(resilient.FlowsPerHopAfter.Values, n => Assert.InRange(n, 12_500, 14_200));   // l2's quarter spread over three
    }

    [Fact]
    public void AResilientTableStaysEvenWhenTheLinkComesBack()
    {
        var group = new EcmpGroup(Links, EcmpHashing.Resilient).Without("l2").With("l2");
        var flows = FiveTuple.RandomFlows(40_000, seed: 4);
        var counts = flows.GroupBy(group.Route).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(counts.Values, n => Assert.InRange(n, 9_300, 10_700));
    }

    [Fact]
    public void BadGroupsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new EcmpGroup([], EcmpHashing.Modulo));
        Assert.Throws<ArgumentException>(() => new EcmpGroup(["a", "a"], EcmpHashing.Modulo));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EcmpGroup(Links, EcmpHashing.Resilient, buckets: 3));
        Assert.Throws<ArgumentException>(() => new EcmpGroup(Links, EcmpHashing.Modulo).Without("l9"));
        Assert.Throws<InvalidOperationException>(() => new EcmpGroup(["a"], EcmpHashing.Modulo).Without("a"));
    }
}

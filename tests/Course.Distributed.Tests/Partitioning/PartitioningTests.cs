using Course.Distributed.Partitioning;

namespace Course.Distributed.Tests.Partitioning;

/// <summary>Hash vs range partitioning, fixed-partition rebalancing and Zipf hot spots (DDIA ch. 6). Seeds are fixed.</summary>
public class PartitioningTests
{
    private const int Partitions = 8;
    private static readonly RangePartitioner Range = RangePartitioner.FromSample(PartitionExperiments.UniformKeys(10_000, seed: 99), Partitions);
    private static readonly HashPartitioner Hash = new(Partitions);

    [Fact]
    public void UniformKeysAreBalancedByBothHashAndRange()
    {
        var keys = PartitionExperiments.UniformKeys(20_000, seed: 1);
        var byHash = PartitionExperiments.Load(keys, Hash);
        var byRange = PartitionExperiments.Load(keys, Range);
        Assert.True(byHash.Imbalance < 1.15, $"hash: {byHash}");
        Assert.True(byRange.Imbalance < 1.15, $"range: {byRange}");
    }

    [Fact]
    public void SequentialKeysMakeARangeHotSpotButHashSpreadsThem()
    {
        var keys = PartitionExperiments.SequentialKeys(10_000, start: 50_000_000); // e.g. today's timestamps
        var byRange = PartitionExperiments.Load(keys, Range);
        var byHash = PartitionExperiments.Load(keys, Hash);
        Assert.True(byRange.HottestShare > 0.9, $"range: {byRange}");
        Assert.True(byHash.Imbalance < 1.15, $"hash: {byHash}");
    }

    [Fact]
    public void ZipfKeysMakeAHotSpotEvenUnderHashPartitioning()
    {
        var uniform = PartitionExperiments.Load(PartitionExperiments.ZipfKeys(50_000, 1_000, exponent: 0, seed: 2), Hash);
        var skewed = PartitionExperiments.Load(PartitionExperiments.ZipfKeys(50_000, 1_000, exponent: 1.1, seed: 2), Hash);
        Assert.True(uniform.Imbalance < 1.3, $"s=0: {uniform}");
        Assert.True(skewed.Imbalance > 1.6, $"s=1.1: {skewed}");
    }

    [Fact]
    public void FixedPartitionsMoveOnlyTheStolenPartitionsWhileModNMovesMostKeys()
    {
        var keys = PartitionExperiments.UniformKeys(20_000, seed: 3);
        var modN = PartitionExperiments.HashModN(keys, 4, 5);
        var fixedPartitions = PartitionExperiments.FixedPartitions(keys, 256, 4, 5);
        Assert.True(modN.FractionMoved > 0.7, modN.ToString());
        Assert.Equal(256 / 5, fixedPartitions.PartitionsMoved);
        Assert.InRange(fixedPartitions.FractionMoved, 0.15, 0.25);
        Assert.True(fixedPartitions.LoadAfter.Imbalance < 1.15, fixedPartitions.LoadAfter.ToString());
    }

    [Fact]
    public void AddNodeTakesAFairShareFromTheOthers()
    {
        var (after, moves) = PartitionAssignment.RoundRobin(12, 3).AddNode();
        Assert.Equal(3, moves.Count);
        Assert.All(Enumerable.Range(0, 4), n => Assert.Equal(3, after.PartitionsOf(n).Count));
    }

    [Fact]
    public void BadPartitioningInputNamesTheParameter()
    {
        Assert.Equal("partitions", Assert.ThrowsAny<ArgumentException>(() => new HashPartitioner(0)).ParamName);
        Assert.Equal("lowerBounds", Assert.ThrowsAny<ArgumentException>(() => new RangePartitioner(["b", "a"])).ParamName);
        Assert.Equal("newNodes", Assert.ThrowsAny<ArgumentException>(() => PartitionExperiments.FixedPartitions(["k"], 4, 2, 5)).ParamName);
    }
}

using Course.Distributed.Hashing;
using Xunit.Abstractions;
using static Course.Distributed.Tests.Hashing.HashingRuns;

using Course.Distributed.Tests.Raft;

namespace Course.Distributed.Tests.Hashing;

public class JumpTests(ITestOutputHelper output)
{
    [Fact]
    public void BucketsAreInRangeAndOneBucketTakesEverything()
    {
        foreach (var k in Keys(10_000, seed: 1))
        {
            Assert.Equal(0, JumpConsistentHash.Bucket(k, 1));
            Assert.InRange(JumpConsistentHash.Bucket(k, 7), 0, 6);
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    public void AddingABucketMovesOneInNPlusOneOfTheKeysAllToTheNewBucket(int n) =>
        SeedRuns.ForEachSeed(nameof(AddingABucketMovesOneInNPlusOneOfTheKeysAllToTheNewBucket), seed =>
        {
            var keys = Keys(200_000, seed);
            var before = new JumpConsistentHash(Nodes(n));
            var after = before.WithNode("node-new");
            var report = Placement.Movement(before, after, keys);
            output.WriteLine($"seed={seed} n={n}: {Describe(report)}");
            Assert.All(keys, k =>
            {
                var (a, b) = (JumpConsistentHash.Bucket(k, n), JumpConsistentHash.Bucket(k, n + 1));
                Assert.True(a == b || b == n, $"key {k:X} moved from bucket {a} to {b}, not to the new bucket {n}");
            });
            // 200k keys: the moved fraction's standard deviation is ~0.0006, so ±0.005 is 8σ.
            Assert.InRange(report.MovedFraction, 1.0 / (n + 1) - 0.005, 1.0 / (n + 1) + 0.005);
        }, seeds: 3);

    [Fact]
    public void LoadIsBalancedWithoutVirtualNodes()
    {
        const int seed = 4;
        var report = Placement.Load(new JumpConsistentHash(Nodes(10)), Keys(200_000, seed));
        output.WriteLine($"seed={seed}: {Describe(report)}");
        Assert.True(report.MaxOverMean < 1.03, Describe(report)); // binomial noise only: σ ≈ 0.7% per bucket
    }

    [Fact]
    public void OnlyTheLastBucketCanBeRemoved()
    {
        var jump = new JumpConsistentHash(Nodes(5));
        Assert.Equal("node", Assert.Throws<ArgumentException>(() => jump.WithoutNode("node-2")).ParamName);
        Assert.Equal(Nodes(4), jump.WithoutNode("node-4").Nodes);
    }
}

using Course.Gateway.Backends;
using Course.Gateway.Probing;

namespace Course.Gateway.Tests.Probing;

/// <summary>The side-by-side runner: nearest-rank percentiles by hand, and a real run whose counts round robin fixes exactly.</summary>
public sealed class PolicyComparisonTests
{
    [Theory]
    [InlineData(0.50, 5)]     // ceil(0.5·10) = 5th value
    [InlineData(0.95, 10)]    // ceil(9.5) = 10th
    [InlineData(0.10, 1)]
    public void Percentiles_use_the_nearest_rank(double p, double expected) =>
        Assert.Equal(expected, PolicyComparison.Percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p));

    [Fact]
    public void No_values_give_zero() => Assert.Equal(0, PolicyComparison.Percentile([], 0.5));

    [Fact]
    public async Task Runs_each_policy_through_its_own_gateway()
    {
        await using var fleet = await BackendFleet.StartAsync("a", "b", "c");

        var runs = await PolicyComparison.RunAsync(fleet, [BalancingPolicies.RoundRobin, BalancingPolicies.FirstAlphabetical], requests: 30, concurrency: 1);

        Assert.Equal(new Dictionary<string, int> { ["a"] = 10, ["b"] = 10, ["c"] = 10 }, runs[0].Served);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 30, ["b"] = 0, ["c"] = 0 }, runs[1].Served);
        Assert.All(runs, r => Assert.Equal(0, r.Errors));
        Assert.Equal(60, fleet.Sum(b => b.Served));
    }
}

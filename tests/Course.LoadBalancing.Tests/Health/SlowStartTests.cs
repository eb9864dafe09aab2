using Course.LoadBalancing.Policies;

namespace Course.LoadBalancing.Tests.Health;

public class SlowStartTests
{
    private static TimeSpan S(double s) => TimeSpan.FromSeconds(s);

    // Envoy's curve: max(min_weight, (t/window)^(1/aggression)).
    [Theory]
    [InlineData(1.0, 0, 0.1)]
    [InlineData(1.0, 5, 0.5)]
    [InlineData(1.0, 9, 0.9)]
    [InlineData(1.0, 10, 1.0)]
    [InlineData(1.0, 60, 1.0)]
    [InlineData(2.0, 2.5, 0.5)]   // √0.25
    [InlineData(2.0, 0.1, 0.1)]   // √0.01 = 0.1
    public void TheWeightRampFollowsEnvoysCurve(double aggression, double seconds, double factor) =>
        Assert.Equal(factor, new SlowStart(S(10), aggression).Factor(S(seconds)), 12);

    // A warming backend of weight 4 next to one of weight 4: its share of smooth-WRR picks rises through the window.
    [Fact]
    public void AWarmingBackendsShareRampsUpUnderSmoothWeightedRoundRobin()
    {
        var slow = new SlowStart(S(10));
        var pool = BackendState.Pool([new BackendState("old", 4), new BackendState("new", 4, slow) { WarmingSince = S(0) }]);
        var policy = new SmoothWeightedRoundRobin();
        var random = new Random(1);
        double Share(double second) =>
            Enumerable.Range(0, 1000).Count(i => policy.Pick(pool, new(S(second + i * 0.0005), random))!.Id == "new") / 1000.0;
        var shares = new[] { 0.0, 2.5, 5, 7.5, 10, 20 }.Select(Share).ToArray();
        // Expected share w/(4+w) with w = 4·factor: factor 0.1 -> 0.0909, 0.25 -> 0.2, 0.5 -> 0.333, 0.75 -> 0.4286, 1 -> 0.5.
        double[] expected = [4 * 0.1 / 4.4, 1 / 5.0, 2 / 6.0, 3 / 7.0, 0.5, 0.5];
        for (var i = 0; i < shares.Length; i++) Assert.Equal(expected[i], shares[i], 0.02);
    }
}

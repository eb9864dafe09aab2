using Course.LoadBalancing.Health;
using Course.LoadBalancing.Policies;

namespace Course.LoadBalancing.Tests.Policies;

/// <summary>Every mistake fails at configuration time with a message naming it — never at the first pick.</summary>
public class BadInputTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void ZeroOrNegativeWeightsAreRejected(int weight)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => BackendState.Pool(("a", 1), ("b", weight)));
        Assert.Contains("'b'", e.Message);
        Assert.Contains("positive", e.Message);
    }

    [Fact]
    public void AnEmptyPoolIsRejected()
    {
        Assert.Contains("at least one backend", Assert.Throws<ArgumentException>(() => BackendState.Pool(Array.Empty<string>())).Message);
        Assert.Throws<ArgumentException>(() => new BackendPool([]));
    }

    [Fact]
    public void DuplicateIdsAndBlankIdsAreRejected()
    {
        Assert.Contains("'a' appears 2 times", Assert.Throws<ArgumentException>(() => BackendState.Pool("a", "b", "a")).Message);
        Assert.Throws<ArgumentException>(() => new BackendState(" "));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(0)]
    [InlineData(-0.5)]
    public void ABadLoadBoundIsRejected(double epsilon) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedLoadConsistentHashing(epsilon));

    [Theory]
    [InlineData(65536)]
    [InlineData(1)]
    [InlineData(-7)]
    public void AMaglevTableSizeThatIsNotPrimeIsRejected(int size) =>
        Assert.Contains("prime", Assert.Throws<ArgumentOutOfRangeException>(() => new Maglev(size)).Message);

    [Fact]
    public void BadSlowStartAndHealthSettingsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlowStart(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlowStart(TimeSpan.FromSeconds(1), aggression: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlowStart(TimeSpan.FromSeconds(1), minWeightFraction: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ActiveHealthCheck(TimeSpan.FromSeconds(1), rise: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OutlierDetection(maxEjectionPercent: 101));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OutlierDetection(baseEjectionTime: TimeSpan.FromMinutes(10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PowerOfTwoChoices((LoadMetric)7));
    }

    [Fact]
    public void FinishingARequestThatNeverStartedIsABug() =>
        Assert.Throws<InvalidOperationException>(() => new BackendState("a").RequestFinished(TimeSpan.Zero, RequestOutcome.Ok(TimeSpan.Zero)));
}

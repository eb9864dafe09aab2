using Course.Distributed.Transactions.Sagas;

namespace Course.Distributed.Tests.Sagas;

public class BackoffTests
{
    private static readonly Backoff Policy = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(300));

    [Fact]
    public void TheCeilingDoublesUpToTheCap()
    {
        Assert.Equal([10, 20, 40, 80, 160, 300, 300], Enumerable.Range(0, 7).Select(a => Policy.Ceiling(a).TotalMilliseconds));
        Assert.Equal(TimeSpan.FromMilliseconds(300), Policy.Ceiling(int.MaxValue));
    }

    [Fact]
    public void EachDelayIsBetweenHalfTheCeilingAndTheCeilingAndTheyDiffer()
    {
        var random = new Random(7);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var delays = Enumerable.Range(0, 50).Select(_ => Policy.Delay(attempt, random)).ToArray();
            var ceiling = Policy.Ceiling(attempt);
            Assert.All(delays, d => Assert.InRange(d, ceiling / 2, ceiling));
            Assert.True(delays.Distinct().Count() > 25, $"attempt {attempt}: the jitter barely varies");
        }
    }

    [Fact]
    public void TheSameSeedGivesTheSameDelays() =>
        Assert.Equal(
            Enumerable.Range(0, 10).Select(a => Policy.Delay(a, new Random(3))),
            Enumerable.Range(0, 10).Select(a => Policy.Delay(a, new Random(3))));
}

using Course.Distributed.Cap;

namespace Course.Distributed.Tests.Cap;

/// <summary>The CP store (ABD on majority quorums) under the seeded partition schedule.</summary>
public class CpTests
{
    [Fact]
    public void HistoriesAreLinearizableAcrossSeedsWithPartitions()
    {
        Assert.True(CapRuns.Seeds.Count >= 20);
        foreach (var run in CapRuns.Partitioned)
        {
            var cp = run[CapSystemKind.Cp];
            Assert.True(run.Schedule.Windows.Count > 0, $"seed {run.Seed}: the schedule has no partition");
            Assert.True(cp.IsLinearizable, $"seed {run.Seed}: {cp.Verdict}\n{cp.Explanation}");
            Assert.True(cp.StaleReads == 0, $"seed {run.Seed}: {cp.StaleReads} stale reads, e.g. {cp.Consistency.Stale.FirstOrDefault()}");
            Assert.True(cp.LostWrites == 0, $"seed {run.Seed}: {cp.LostWrites} lost writes, e.g. {cp.Consistency.Lost.FirstOrDefault()}");
        }
    }

    [Fact]
    public void ClientsOnTheMinoritySideGetNoSuccessfulAnswerWhileTheNetworkIsSplit()
    {
        foreach (var run in CapRuns.Partitioned)
        {
            var cp = run[CapSystemKind.Cp];
            var minority = CapRuns.IssuedOnTheMinoritySide(cp, run.Schedule).ToArray();
            Assert.True(minority.Length > 0, $"seed {run.Seed}: no request was issued on a minority side");
            var answered = minority.FirstOrDefault(m => m.Request.IsOk && m.Request.Completed < m.Window.End);
            Assert.True(answered.Request is null, $"seed {run.Seed}: {answered.Request} was answered inside {answered.Window}");
            Assert.True(cp.Availability < 0.95, $"seed {run.Seed}: CP availability {cp.Availability:P1} although a minority was cut off for a while");
        }
    }

    [Fact]
    public void TheMajoritySideStaysAvailable()
    {
        foreach (var run in CapRuns.Partitioned)
        {
            var majority = CapRuns.IssuedOnTheMajoritySide(run[CapSystemKind.Cp], run.Schedule).Select(m => m.Request).ToArray();
            var answered = majority.Count(r => r.IsOk);
            Assert.True(answered >= 0.99 * majority.Length,
                $"seed {run.Seed}: only {answered}/{majority.Length} majority-side requests answered, e.g. {majority.FirstOrDefault(r => !r.IsOk)}");
        }
    }

    [Fact]
    public void TheTimeSeriesShowsAvailabilityDroppingDuringPartitions()
    {
        foreach (var run in CapRuns.Partitioned)
        {
            var timeline = run[CapSystemKind.Cp].Timeline;
            Assert.Equal(run[CapSystemKind.Cp].Requests, timeline.Sum(b => b.Requests));
            var split = timeline.Where(b => b.Partitioned).ToArray();
            var healthy = timeline.Where(b => !b.Partitioned).ToArray();
            double Availability(IEnumerable<AvailabilityBucket> buckets) =>
                (double)buckets.Sum(b => b.Answered) / Math.Max(1, buckets.Sum(b => b.Requests));
            Assert.True(Availability(split) < Availability(healthy) - 0.1,
                $"seed {run.Seed}: availability {Availability(split):P1} while split, {Availability(healthy):P1} while healthy");
            Assert.Contains(split, b => b.Unanswered > 0);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void AnUnreliableNetworkDoesNotBreakLinearizability(int seed)
    {
        // Loss, duplicates and late messages on top of the partitions: a duplicated request must not be applied twice.
        var options = new CapExperimentOptions { Seed = seed, Duration = TimeSpan.FromSeconds(6), Network = Course.Simulation.NetworkConditions.Unreliable };
        var cp = CapExperiment.RunSystem(CapSystemKind.Cp, options);
        Assert.True(cp.Network.Duplicated > 0 && cp.Network.Dropped > 0, $"seed {seed}: {cp.Network}");
        Assert.True(cp.IsLinearizable, $"seed {seed}: {cp.Verdict}\n{cp.Explanation}");
    }

    [Fact]
    public void WithFailoverAMinorityClientsWriteTimesOutInsteadOfBeingRefused()
    {
        // Its retry goes into the partition and gets no answer: it may or may not have landed, so it is pending.
        var options = new CapExperimentOptions { Seed = 3, Duration = TimeSpan.FromSeconds(6), Failover = true };
        var cp = CapExperiment.RunSystem(CapSystemKind.Cp, options);
        var schedule = options.ResolveSchedule();
        var minority = CapRuns.IssuedOnTheMinoritySide(cp, schedule).Select(m => m.Request).Where(r => r.Call + options.Deadline < schedule.At(r.Call)!.End).ToArray();
        Assert.NotEmpty(minority);
        Assert.All(minority, r => Assert.Equal(RequestOutcome.TimedOut, r.Outcome));
        Assert.All(minority, r => Assert.Equal(2, r.Attempts));
        Assert.True(cp.IsLinearizable, cp.Explanation);
    }
}

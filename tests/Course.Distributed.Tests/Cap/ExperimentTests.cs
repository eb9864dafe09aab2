using Course.Distributed.Cap;

namespace Course.Distributed.Tests.Cap;

/// <summary>The experiment runner itself: no partitions, determinism, the time series, five replicas.</summary>
public class ExperimentTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void WithoutPartitionsEveryStoreIsFullyAvailableAndCpIsLinearizable(int seed)
    {
        var run = CapExperiment.Run(new CapExperimentOptions { Seed = seed, Duration = TimeSpan.FromSeconds(6), Schedule = PartitionSchedule.None });
        foreach (var system in run.Systems)
            Assert.True(system.Availability == 1, $"seed {seed}: {system}");
        var cp = run[CapSystemKind.Cp];
        Assert.True(cp.IsLinearizable, $"seed {seed}: {cp.Explanation}");
        Assert.All(run[CapSystemKind.Cp].Timeline, b => Assert.False(b.Partitioned));
    }

    [Fact]
    public void TheSameSeedGivesTheSameNumbers()
    {
        var options = new CapExperimentOptions { Seed = 7, Duration = TimeSpan.FromSeconds(6) };
        var a = CapExperiment.Run(options);
        var b = CapExperiment.Run(options);
        Assert.Equal(a.Summary(), b.Summary());
        Assert.Equal(a.Requests, b.Requests);
        Assert.Equal(a.Schedule.ToString(), b.Schedule.ToString());
        for (var i = 0; i < a.Systems.Count; i++)
        {
            var (x, y) = (a.Systems[i], b.Systems[i]);
            Assert.Equal(x.Records.Select(r => r.ToString()), y.Records.Select(r => r.ToString()));
            Assert.Equal(x.Timeline, y.Timeline);
            Assert.Equal(x.Latency, y.Latency);
            Assert.Equal(x.Consistency.Lost.Select(r => r.Id), y.Consistency.Lost.Select(r => r.Id));
            Assert.Equal(x.Network.ToString(), y.Network.ToString());
        }
        var other = CapExperiment.Run(options with { Seed = 8 });
        Assert.NotEqual(a.Summary(), other.Summary());
    }

    [Fact]
    public void OneSystemCanRunAloneAndGivesTheSameReportAsInCompany()
    {
        var options = new CapExperimentOptions { Seed = 4, Duration = TimeSpan.FromSeconds(5) };
        var alone = CapExperiment.RunSystem(CapSystemKind.ApVersionVectors, options);
        var together = CapExperiment.Run(options)[CapSystemKind.ApVersionVectors];
        Assert.Equal(alone.ToString(), together.ToString());
    }

    [Fact]
    public void TheTimeSeriesHasOneBucketPerWidthAndCountsEveryRequestOnce()
    {
        var options = new CapExperimentOptions { Seed = 3, Duration = TimeSpan.FromSeconds(5), BucketWidth = TimeSpan.FromMilliseconds(250) };
        var run = CapExperiment.Run(options);
        foreach (var system in run.Systems)
        {
            Assert.Equal(20, system.Timeline.Count);
            Assert.Equal(TimeSpan.FromMilliseconds(4750), system.Timeline[^1].Start);
            Assert.Equal(system.Requests, system.Timeline.Sum(b => b.Requests));
            Assert.Equal(system.Answered, system.Timeline.Sum(b => b.Answered));
            Assert.Equal(run.Requests.Count, system.Requests);
        }
        Assert.All(run[CapSystemKind.ApLastWriterWins].Timeline, b => Assert.Equal(0, b.Unanswered));
    }

    [Fact]
    public void FiveReplicasCutOffTwoDatacentersAtATime()
    {
        var run = CapExperiment.Run(new CapExperimentOptions { Seed = 11, Replicas = 5, ClientsPerReplica = 1, Duration = TimeSpan.FromSeconds(8) });
        Assert.All(run.Schedule.Windows, w => Assert.Equal(2, w.Minority.Count));
        var cp = run[CapSystemKind.Cp];
        Assert.True(cp.IsLinearizable, cp.Explanation);
        Assert.DoesNotContain(CapRuns.IssuedOnTheMinoritySide(cp, run.Schedule), m => m.Request.IsOk && m.Request.Completed < m.Window.End);
        Assert.True(run[CapSystemKind.ApLastWriterWins].Availability == 1);
        Assert.True(run[CapSystemKind.ApVersionVectors].LostWrites == 0);
    }

    [Fact]
    public void TheSummaryHasALinePerSystem()
    {
        var run = CapExperiment.Run(new CapExperimentOptions { Seed = 2, Duration = TimeSpan.FromSeconds(3) });
        var summary = run.Summary();
        foreach (var system in run.Systems) Assert.Contains(system.Name, summary);
        Assert.Contains("seed 2", summary);
    }
}

using Course.Distributed.Cap;

namespace Course.Distributed.Tests.Cap;

/// <summary>Bad input throws an ArgumentException that names the parameter, instead of running a meaningless experiment.</summary>
public class BadInputTests
{
    private static string? ParamOf(Action action) => Assert.ThrowsAny<ArgumentException>(action).ParamName;

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void CountsMustBePositive(int n)
    {
        Assert.Equal("Replicas", ParamOf(() => _ = new CapExperimentOptions { Replicas = n }));
        Assert.Equal("ClientsPerReplica", ParamOf(() => _ = new CapExperimentOptions { ClientsPerReplica = n }));
        Assert.Equal("Keys", ParamOf(() => _ = new CapExperimentOptions { Keys = n }));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void ProbabilitiesMustBeInZeroOne(double p)
    {
        Assert.Equal("WriteFraction", ParamOf(() => _ = new CapExperimentOptions { WriteFraction = p }));
        Assert.Equal("writeFraction", ParamOf(() => Workload.Generate(1, 2, 2, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10), p)));
    }

    [Fact]
    public void DurationsMustNotBeNegative()
    {
        var minus = TimeSpan.FromMilliseconds(-1);
        Assert.Equal("Duration", ParamOf(() => _ = new CapExperimentOptions { Duration = minus }));
        Assert.Equal("Deadline", ParamOf(() => _ = new CapExperimentOptions { Deadline = minus }));
        Assert.Equal("QuorumTimeout", ParamOf(() => _ = new CapExperimentOptions { QuorumTimeout = minus }));
        Assert.Equal("MeanRequestInterval", ParamOf(() => _ = new CapExperimentOptions { MeanRequestInterval = TimeSpan.Zero }));
        Assert.Equal("AntiEntropyInterval", ParamOf(() => _ = new CapExperimentOptions { AntiEntropyInterval = minus }));
        Assert.Equal("ClockSkew", ParamOf(() => _ = new CapExperimentOptions { ClockSkew = minus }));
        Assert.Equal("HealthyLength", ParamOf(() => _ = new CapExperimentOptions { HealthyLength = minus }));
        Assert.Equal("PartitionLength", ParamOf(() => _ = new CapExperimentOptions { PartitionLength = minus }));
        Assert.Equal("SettleTime", ParamOf(() => _ = new CapExperimentOptions { SettleTime = minus }));
        Assert.Equal("BucketWidth", ParamOf(() => _ = new CapExperimentOptions { BucketWidth = TimeSpan.Zero }));
        Assert.Equal("CheckerTimeout", ParamOf(() => _ = new CapExperimentOptions { CheckerTimeout = TimeSpan.FromSeconds(-1) }));
        Assert.Equal("duration", ParamOf(() => PartitionSchedule.Random(1, 3, minus, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))));
        Assert.Equal("healthy", ParamOf(() => PartitionSchedule.Random(1, 3, TimeSpan.FromSeconds(1), minus, TimeSpan.FromSeconds(1))));
        Assert.Equal("partitioned", ParamOf(() => PartitionSchedule.Random(1, 3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), minus)));
        Assert.Equal("duration", ParamOf(() => Workload.Generate(1, 2, 2, minus, TimeSpan.FromMilliseconds(10), 0.5)));
        Assert.Equal("deadline", ParamOf(() => new CapClient(0, [0], minus)));
        Assert.Equal("quorumTimeout", ParamOf(() => new AbdReplica(minus)));
        // Zero settle time and zero skew are fine: no wait, perfect clocks.
        _ = new CapExperimentOptions { SettleTime = TimeSpan.Zero, ClockSkew = TimeSpan.Zero };
    }

    [Fact]
    public void SchedulesMustBeOrderedAndNameRealDatacenters()
    {
        TimeSpan S(double s) => TimeSpan.FromSeconds(s);
        Assert.Equal("windows", ParamOf(() => new PartitionSchedule([new PartitionWindow(S(-1), S(1), [0])])));
        Assert.Equal("windows", ParamOf(() => new PartitionSchedule([new PartitionWindow(S(2), S(1), [0])])));
        Assert.Equal("windows", ParamOf(() => new PartitionSchedule([new PartitionWindow(S(0), S(2), [0]), new PartitionWindow(S(1), S(3), [1])])));
        Assert.Equal("windows", ParamOf(() => new PartitionSchedule([new PartitionWindow(S(0), S(1), [])])));
        Assert.Equal("windows", ParamOf(() => new PartitionSchedule([new PartitionWindow(S(0), S(1), [1, 1])])));
        var options = new CapExperimentOptions { Schedule = new PartitionSchedule([new PartitionWindow(S(0), S(1), [3])]) };
        Assert.Equal("Schedule", ParamOf(() => CapExperiment.Run(options)));
        Assert.Equal("replicas", ParamOf(() => PartitionSchedule.Random(1, 0, S(1), S(1), S(1))));
    }

    [Fact]
    public void CustomRequestsAndClocksMustFitTheRun()
    {
        var write = new WorkloadRequest(1, 0, TimeSpan.Zero, CapOperation.Write, "x", "a");
        Assert.Equal("Requests", ParamOf(() => CapExperiment.Run(new CapExperimentOptions { Requests = [write with { Client = 6 }] })));
        Assert.Equal("Requests", ParamOf(() => CapExperiment.Run(new CapExperimentOptions { Requests = [write with { At = TimeSpan.FromSeconds(-1) }] })));
        Assert.Equal("Requests", ParamOf(() => CapExperiment.Run(new CapExperimentOptions { Requests = [write, write] })));
        Assert.Equal("Requests", ParamOf(() => CapExperiment.Run(new CapExperimentOptions { Requests = [write, write with { Id = 2 }] })));
        Assert.Equal("ClockOffsets", ParamOf(() => CapExperiment.Run(new CapExperimentOptions { ClockOffsets = [TimeSpan.Zero] })));
        Assert.Equal("systems", ParamOf(() => CapExperiment.Run(null, [])));
        Assert.Equal("systems", ParamOf(() => CapExperiment.Run(null, [CapSystemKind.Cp, CapSystemKind.Cp])));
        Assert.Equal("Network", ParamOf(() => _ = new CapExperimentOptions { Network = null! }));
    }

    [Fact]
    public void NetworkProbabilitiesAreCheckedByTheSimulator()
    {
        Assert.Equal("LossProbability", ParamOf(() => _ = new CapExperimentOptions { Network = new Course.Simulation.NetworkConditions { LossProbability = 2 } }));
    }
}

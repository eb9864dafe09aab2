namespace Course.Distributed.Production.Tests;

[Collection(RealNetwork.Collection)]
public class ConsensusComparisonTests
{
    [Fact]
    public async Task TheComparisonMeasuresBothRaftsThroughTheWholeScenario()
    {
        var report = await ConsensusComparison.RunAsync(new ComparisonOptions { Writes = 5, Warmup = false });

        Assert.Equal(2, report.Results.Count);
        Assert.Contains(report.Results, r => r.Implementation.Contains("Course", StringComparison.Ordinal));
        Assert.Contains(report.Results, r => r.Implementation.Contains("DotNext", StringComparison.Ordinal));
        Assert.All(report.Results, r =>
        {
            Assert.True(r.TimeToFirstLeader > TimeSpan.Zero && r.TimeToReelect > TimeSpan.Zero);
            Assert.Equal(5, r.CommitLatency.Count);
            Assert.True(r.CommitLatency.Median > TimeSpan.Zero && r.CommitLatency.Median <= r.CommitLatency.Max);
            Assert.True(r.ReelectedTerm > r.FirstTerm);
            Assert.True(r.ReadBackMatched);
            Assert.True(r.RestartedNodeCaughtUp);
        });
        Assert.All(report.Rows(), row => Assert.Equal(2, row.Values.Count));
        var markdown = report.ToMarkdown();
        Assert.Contains("Time to re-elect", markdown);
        Assert.Contains("Membership changes", markdown);
    }

    [Fact]
    public void OurTimeoutsAreTheSameMillisecondsInTicks()
    {
        var ours = ConsensusComparison.OursOptions(new ComparisonOptions());
        Assert.Equal(15, ours.Raft!.ElectionTimeoutMinTicks);
        Assert.Equal(30, ours.Raft.ElectionTimeoutMaxTicks);
        Assert.Equal(7, ours.Raft.HeartbeatTicks);
    }

    [Fact]
    public void LatencySummaryUsesNearestRankPercentiles()
    {
        var summary = LatencySummary.Of(Enumerable.Range(1, 100).Select(i => TimeSpan.FromMilliseconds(i)));
        Assert.Equal(TimeSpan.FromMilliseconds(50), summary.Median);
        Assert.Equal(TimeSpan.FromMilliseconds(95), summary.P95);
        Assert.Equal(TimeSpan.FromMilliseconds(100), summary.Max);
        Assert.Equal(TimeSpan.FromMilliseconds(50.5), summary.Mean);
        Assert.Equal(0, LatencySummary.Of([]).Count);
    }

    [Fact]
    public void TheFeatureListComparesEveryRow()
    {
        Assert.True(DotNextFeatures.All.Count >= 8);
        Assert.All(DotNextFeatures.All, f => Assert.False(string.IsNullOrWhiteSpace(f.DotNext) || string.IsNullOrWhiteSpace(f.Ours)));
    }
}

using System.Diagnostics;
using Course.Distributed.Transactions.TwoPhaseCommit;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.TwoPhaseCommit;

/// <summary>Seeded chaos: every crash point in turn, random timing, crashes, partitions and a lossy network.</summary>
public class AtomicityTests(ITestOutputHelper output)
{
    private static int Seeds => int.TryParse(Environment.GetEnvironmentVariable("COURSE_SEEDS"), out var n) && n > 1100 ? n : 1100;

    [Fact]
    public void AtomicAndRecoveredOverElevenHundredSeedsWithACrashAtEveryStep()
    {
        var clock = Stopwatch.StartNew();
        var failures = new List<ChaosRun>();
        var reached = new Dictionary<CrashPoint, int>();
        long transactions = 0, committed = 0, notStarted = 0, events = 0;
        var slowest = TimeSpan.Zero;
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var run = TwoPhaseCommitScenarios.Chaos(seed);
            if (!run.Ok) failures.Add(run);
            if (run.PointReached) reached[run.Point] = reached.GetValueOrDefault(run.Point) + 1;
            var reports = run.Cluster.Reports();
            transactions += reports.Count;
            committed += reports.Count(r => r.Outcome == TransactionOutcome.Committed);
            notStarted += reports.Count(r => !r.Started);
            events += run.Cluster.Simulation.EventsProcessed;
            if (run.SettledAfter > slowest) slowest = run.SettledAfter;
        }
        output.WriteLine($"{Seeds} seeds, {transactions} transactions ({committed} committed, {notStarted} submitted while the coordinator was down), {events:N0} events, slowest recovery {slowest.TotalMilliseconds:F0} ms, {clock.ElapsedMilliseconds} ms");
        output.WriteLine(string.Join(", ", CrashPoints.All.Select(p => $"{p}: {reached.GetValueOrDefault(p)}")));
        Assert.True(failures.Count == 0, $"{failures.Count} failing seeds [{string.Join(", ", failures.Select(f => f.Seed))}]; first:\n{failures.FirstOrDefault()?.Describe()}");
        Assert.All(CrashPoints.All, p => Assert.True(reached.GetValueOrDefault(p) >= 20, $"{p} was reached on only {reached.GetValueOrDefault(p)} seeds"));
        Assert.True(committed > transactions / 4, $"only {committed} of {transactions} committed: the workload is too hostile to test much");
    }

    [Fact]
    public void ABrokenParticipantThatVotesBeforeForcingPreparedBreaksAtomicityOnSomeSeed()
    {
        var broken = new TwoPhaseCommitOptions { ForcePreparedBeforeVote = false };
        var caught = new List<ChaosRun>();
        for (var seed = 1; seed <= 400 && caught.Count < 3; seed++)
        {
            var run = TwoPhaseCommitScenarios.Chaos(seed, broken);
            if (run.Violations.Count > 0) caught.Add(run);
        }
        Assert.True(caught.Count > 0, "the checker found no violation in 400 seeds of the broken participant");
        output.WriteLine($"violating seeds: {string.Join(", ", caught.Select(c => c.Seed))}; first:\n{caught[0].Describe()}");
    }

    [Fact]
    public void TheBrokenParticipantsLostPromiseIsCaughtDeterministically()
    {
        var run = TwoPhaseCommitScenarios.UnforcedPrepare(seed: 1);
        output.WriteLine(string.Join("\n", run.Violations));
        Assert.Contains(run.Violations, v => v.Contains("n2 committed without a PREPARED record"));
        Assert.Contains(run.Violations, v => v.Contains("money is not conserved"));
        Assert.Equal(60, run.Cluster.Balance("n1/a"));  // the debit happened ...
        Assert.Equal(100, run.Cluster.Balance("n2/a")); // ... the credit was lost
        Assert.Single(run.Cluster.Simulation.Trace.Notes("lost-writes"));
    }

    [Fact]
    public void ChaosRunsReplayExactly()
    {
        foreach (var seed in new[] { 3, 17, 404 })
        {
            var a = TwoPhaseCommitScenarios.Chaos(seed);
            var b = TwoPhaseCommitScenarios.Chaos(seed);
            Assert.Equal(a.Cluster.Simulation.Trace.Fingerprint(), b.Cluster.Simulation.Trace.Fingerprint());
            Assert.Equal(a.Cluster.Reports().Select(r => r.ToString()), b.Cluster.Reports().Select(r => r.ToString()));
        }
    }
}

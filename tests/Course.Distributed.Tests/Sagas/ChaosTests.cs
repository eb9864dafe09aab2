using System.Diagnostics;
using Course.Distributed.Transactions.Sagas;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Sagas;

/// <summary>Seeded chaos for both styles: loss, duplicates, reordering, transient failures, a crash at every point and random crashes.</summary>
public class ChaosTests(ITestOutputHelper output)
{
    private static int Seeds => int.TryParse(Environment.GetEnvironmentVariable("COURSE_SEEDS"), out var n) && n > 220 ? n : 220;

    [Theory]
    [InlineData(SagaStyle.Orchestrated)]
    [InlineData(SagaStyle.Choreographed)]
    public void EveryOrderEndsCompletedOrCompensatedAndTheBooksBalanceOverTwoHundredSeeds(SagaStyle style)
    {
        var clock = Stopwatch.StartNew();
        var failures = new List<SagaRun>();
        var reached = new HashSet<SagaCrashPoint>();
        long orders = 0, completed = 0, events = 0, duplicates = 0, transient = 0, resends = 0, timeouts = 0;
        var slowest = TimeSpan.Zero;
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var run = SagaScenarios.Chaos(style, seed);
            if (!run.Ok) failures.Add(run);
            if (run.PointReached) reached.Add(run.Point!);
            orders += run.Audit.Orders.Count;
            completed += run.Audit.Completed;
            events += run.Cluster.Simulation.EventsProcessed;
            duplicates += run.Cluster.Counters.Duplicates;
            transient += run.Cluster.Counters.TransientFailures;
            resends += run.Cluster.Counters.Resends;
            timeouts += run.Cluster.SagaLog.Count(e => e.Uncertain);
            if (run.SettledAfter > slowest) slowest = run.SettledAfter;
        }
        var points = SagaCrashPoint.All(style);
        output.WriteLine($"{style}: {Seeds} seeds, {orders} orders ({completed} completed), {events:N0} events, {duplicates} duplicates dropped, " +
                         $"{transient} transient failures retried, {resends} resends, {timeouts} step timeouts, slowest recovery {slowest.TotalMilliseconds:F0} ms, " +
                         $"{reached.Count}/{points.Count} crash points reached, {clock.ElapsedMilliseconds} ms");
        Assert.True(failures.Count == 0, $"{failures.Count} failing seeds [{string.Join(", ", failures.Select(f => f.Seed))}]; first:\n{failures.FirstOrDefault()?.Describe()}");
        Assert.True(completed > orders / 4 && completed < orders, $"{completed} of {orders} completed: the workload tests too little");
        Assert.True(duplicates > Seeds && transient > Seeds, "too few duplicates or transient failures to test idempotency");
        Assert.True(reached.Count >= points.Count * 3 / 4, $"only {reached.Count} of {points.Count} crash points reached");
        if (style == SagaStyle.Orchestrated) Assert.True(timeouts >= 20, $"only {timeouts} step timeouts: the uncertain compensation is barely tested");
    }

    [Theory]
    [InlineData(SagaStyle.Orchestrated)]
    [InlineData(SagaStyle.Choreographed)]
    public void ChaosRunsReplayExactly(SagaStyle style)
    {
        foreach (var seed in new[] { 3, 17, 101 })
        {
            var a = SagaScenarios.Chaos(style, seed);
            var b = SagaScenarios.Chaos(style, seed);
            Assert.Equal(a.Cluster.Simulation.Trace.Fingerprint(), b.Cluster.Simulation.Trace.Fingerprint());
            Assert.Equal(a.Audit.Describe(), b.Audit.Describe());
        }
    }
}

using Course.Distributed.Transactions.Sagas;
using Course.Simulation;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Sagas;

/// <summary>
/// Every service (the orchestrator included) crashes at every stage of handling every message it consumes,
/// for every kind of order, on a network that duplicates and reorders: each order still ends as it must.
/// </summary>
public class CrashPointTests(ITestOutputHelper output)
{
    internal static readonly NetworkConditions DuplicatingAndReordering = new()
    {
        Latency = Latency.Uniform(TimeSpan.Zero, TimeSpan.FromMilliseconds(20)),
        DuplicationProbability = 0.2,
        LongDelayProbability = 0.05,
        LongDelay = TimeSpan.FromMilliseconds(300),
    };

    [Theory]
    [InlineData(SagaStyle.Orchestrated)]
    [InlineData(SagaStyle.Choreographed)]
    public void ACrashAtEveryPointLeavesEveryKindOfOrderCompletedOrCompensatedAsItShould(SagaStyle style)
    {
        var failures = new List<string>();
        var reached = new HashSet<SagaCrashPoint>();
        var seed = style == SagaStyle.Orchestrated ? 1000 : 2000;
        foreach (var point in SagaCrashPoint.All(style))
            foreach (var failure in Enum.GetValues<SagaFailure>())
            {
                seed++;
                var restartAfter = TimeSpan.FromMilliseconds(50 + seed % 4 * 400); // up to 1.25 s, below the 3 s step timeout
                var run = SagaScenarios.Single(style, failure, seed, point, restartAfter, DuplicatingAndReordering);
                if (run.PointReached) reached.Add(point);
                var outcome = run.Audit.Orders[0].Outcome;
                if (!run.Ok || outcome != SagaScenarios.Expected(failure))
                    failures.Add($"seed {seed}, {failure}, expected {SagaScenarios.Expected(failure)}, got {outcome}: {run.Describe()}");
            }
        var all = SagaCrashPoint.All(style);
        output.WriteLine($"{style}: {all.Count} crash points × {Enum.GetValues<SagaFailure>().Length} orders, {reached.Count} points reached");
        Assert.True(failures.Count == 0, $"{failures.Count} failing runs; first:\n{failures.FirstOrDefault()}");
        Assert.Empty(all.Where(p => !reached.Contains(p)).Select(p => p.ToString()));
    }

    [Theory]
    [InlineData(SagaStyle.Orchestrated)]
    [InlineData(SagaStyle.Choreographed)]
    public void AServiceThatStaysDownUntilRestartedHoldsTheSagaButLosesNothing(SagaStyle style)
    {
        foreach (var service in new SagaCluster(style).Services)
        {
            var cluster = new SagaCluster(style, seed: 31);
            cluster.Crash(service);
            var order = cluster.PlaceOrder(SagaScenarios.OrderThat(SagaFailure.None));
            cluster.RunFor(TimeSpan.FromSeconds(2));
            Assert.False(cluster.IsSettled, $"seed 31, {service} down: settled without it");
            cluster.Restart(service);
            Assert.True(cluster.RunUntilSettled(TimeSpan.FromSeconds(10)), $"seed 31, {service}: did not settle after the restart");
            var audit = cluster.Audit();
            Assert.True(audit.Ok, audit.Describe());
            // Two seconds down is within the orchestrator's 3 s step timeout: the saga waits, and completes.
            Assert.Equal(OrderOutcome.Completed, audit[order].Outcome);
        }
    }
}

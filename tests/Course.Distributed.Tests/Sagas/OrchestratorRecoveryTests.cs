using Course.Distributed.Transactions.Sagas;
using Course.Simulation;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Sagas;

/// <summary>The orchestrator resumes from its persisted log: nothing redone, nothing forgotten.</summary>
public class OrchestratorRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public void AfterACrashAtEveryStepTheOrchestratorResumesFromItsLogWithoutRedoingAStep()
    {
        var points = SagaCrashPoint.All(SagaStyle.Orchestrated).Where(p => p.Endpoint == SagaEndpoints.Orchestrator).ToArray();
        Assert.Equal(27, points.Length); // PlaceOrder and the reply to each of the 8 actions, at 3 stages
        var seed = 3000;
        var resumed = 0;
        foreach (var point in points)
            foreach (var failure in Enum.GetValues<SagaFailure>())
            {
                var run = SagaScenarios.Single(SagaStyle.Orchestrated, failure, ++seed, point, TimeSpan.FromMilliseconds(300), CrashPointTests.DuplicatingAndReordering);
                Assert.True(run.Ok, run.Describe());
                Assert.Equal(SagaScenarios.Expected(failure), run.Audit.Orders[0].Outcome);
                var log = run.Cluster.SagaLog;
                // Each event of each action is logged exactly once: a resumed saga continues, it does not start over.
                Assert.All(log.GroupBy(e => (e.Event, e.Action)), g => Assert.True(g.Count() == 1, $"seed {seed}: {g.Key} logged {g.Count()} times\n{run.Describe()}"));
                // A crash before the first log entry was committed leaves nothing to resume.
                if (!run.PointReached || point is { Message: nameof(PlaceOrder), Stage: DeliveryStage.Received }) continue;
                resumed++;
                var note = Assert.Single(run.Cluster.Simulation.Trace.Notes("resumed"));
                Assert.Equal(run.Cluster.Endpoints[SagaEndpoints.Orchestrator], note.Node);
            }
        output.WriteLine($"{resumed} runs crashed the orchestrator and resumed it from its log");
        Assert.True(resumed >= 26, $"only {resumed} runs reached their orchestrator crash point");
    }

    [Fact]
    public void ACommandCommittedBeforeTheCrashIsSentAfterTheRestartFromTheOutbox()
    {
        var storage = new InMemoryDurableStorage();
        var random = new Random(1);
        var endpoint = new SagaEndpoint(new SagaOrchestrator(), storage);
        var order = new OrderId(7);
        var details = SagaScenarios.OrderThat(SagaFailure.None);
        var first = endpoint.Deliver(new PlaceOrder(order, details) { Id = "client-1" }, TimeSpan.Zero, random);
        Assert.IsType<CreateOrder>(Assert.Single(first.Emitted));
        endpoint.Confirm(first.Emitted[0].Id);
        var second = endpoint.Deliver(new SagaReply(order, SagaAction.CreateOrder, true) { Id = "orders-1" }, TimeSpan.Zero, random);
        var reserve = Assert.IsType<ReservePayment>(Assert.Single(second.Emitted));

        // Crash before the command was sent: a new instance on the same disk.
        var recovered = new SagaEndpoint(new SagaOrchestrator(), storage);
        Assert.True(recovered.Recovered);
        Assert.Equal(reserve, Assert.Single(recovered.Outbox));
        var saga = ((SagaOrchestrator)recovered.Handler).Find(order)!;
        Assert.Equal((SagaStatus.Running, SagaAction.ReservePayment), (saga.Status, saga.Awaiting));

        // The reply to the resent command moves the saga on, and a duplicate of the old reply changes nothing.
        var third = recovered.Deliver(new SagaReply(order, SagaAction.ReservePayment, true) { Id = "payments-1" }, TimeSpan.Zero, random);
        Assert.IsType<ReserveStock>(Assert.Single(third.Emitted));
        Assert.Equal(DeliveryStatus.Duplicate, recovered.Deliver(new SagaReply(order, SagaAction.CreateOrder, true) { Id = "orders-1" }, TimeSpan.Zero, random).Status);
        var stale = recovered.Deliver(new SagaReply(order, SagaAction.CreateOrder, true) { Id = "orders-1-resent" }, TimeSpan.Zero, random);
        Assert.Equal((DeliveryStatus.Processed, 0), (stale.Status, stale.Emitted.Count));
    }

    [Fact]
    public void AStepThatNeverAnswersIsCompensatedTooAndTheLateChargeTakesNoMoney()
    {
        foreach (var seed in new[] { 1, 2, 3, 4, 5 })
        {
            var run = SagaScenarios.PaymentsDownPastTheStepTimeout(seed, CrashPointTests.DuplicatingAndReordering);
            output.WriteLine(run.Describe());
            Assert.True(run.Ok, run.Describe());
            var report = run.Audit.Orders[0];
            Assert.Equal(OrderOutcome.Compensated, report.Outcome);
            Assert.Contains(report.Payment, new[] { PaymentStatus.Voided, PaymentStatus.Refunded });
            Assert.Equal(1_000, run.Audit.Ledger.Balances["alice"]);
            var failed = Assert.Single(run.Cluster.SagaLog, e => e.Event == SagaLogEvent.StepFailed);
            Assert.True(failed.Uncertain, $"seed {seed}: {failed}");
            Assert.Equal(SagaAction.ReservePayment, failed.Action);
            Assert.Equal([SagaAction.RefundPayment, SagaAction.CancelOrder],
                run.Cluster.SagaLog.Where(e => e.Event == SagaLogEvent.CompensationStarted).Select(e => e.Action!.Value));
        }
    }

    [Fact]
    public void TheCompensationCanOvertakeTheStepItUndoes()
    {
        // The refund reaches the payment service before the (late) charge: a tombstone refuses the charge.
        var ledger = new PaymentLedger(ShopConfiguration.Default);
        var order = new OrderId(1);
        Assert.Equal(StepOutcome.Done, ledger.Refund(order, "timed out"));
        var late = ledger.Charge(order, "alice", 100);
        Assert.False(late.Succeeded);
        Assert.False(late.Changed);
        Assert.Equal(PaymentStatus.Voided, ledger.StatusOf(order));
        Assert.Equal(1_000, ledger.Balances["alice"]);
    }

    [Fact]
    public void AnOrchestratorDownForLongWithManySagasInFlightFinishesThemAll()
    {
        var cluster = new SagaCluster(SagaStyle.Orchestrated, seed: 41, simulationOptions: new SimulationOptions { Network = CrashPointTests.DuplicatingAndReordering });
        foreach (var failure in Enum.GetValues<SagaFailure>()) cluster.PlaceOrder(SagaScenarios.OrderThat(failure));
        cluster.RunFor(TimeSpan.FromMilliseconds(25));
        cluster.CrashFor(SagaEndpoints.Orchestrator, TimeSpan.FromSeconds(5));
        Assert.True(cluster.RunUntilSettled(TimeSpan.FromSeconds(20)), "seed 41: did not settle");
        var audit = cluster.Audit();
        Assert.True(audit.Ok, audit.Describe());
        Assert.Equal([OrderOutcome.Completed, OrderOutcome.Compensated, OrderOutcome.Compensated, OrderOutcome.Compensated], audit.Orders.Select(o => o.Outcome));
    }
}

using Course.Distributed.Transactions.Sagas;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Sagas;

public class HappyPathTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(SagaStyle.Orchestrated)]
    [InlineData(SagaStyle.Choreographed)]
    public void AnAffordableInStockOrderCompletesEverywhere(SagaStyle style)
    {
        var run = SagaScenarios.Single(style, SagaFailure.None, seed: 1);
        output.WriteLine(run.Describe());
        Assert.True(run.Ok, run.Describe());

        var report = Assert.Single(run.Audit.Orders);
        Assert.Equal(OrderOutcome.Completed, report.Outcome);
        Assert.Equal(1_000 - 120, run.Audit.Ledger.Balances["alice"]);
        Assert.Equal(120, run.Audit.Ledger.MerchantBalance);
        Assert.Equal(18, run.Audit.Stock.Available["book"]);
        Assert.Equal(2, run.Audit.Stock.Reserved["book"]);
        Assert.True(run.Cluster.OutcomeOf(report.Order)!.Approved);
        Assert.Equal(0, run.Cluster.Counters.TransientFailures);
    }

    [Fact]
    public void TheOrchestratorLogsEachStepBeforeItsCommandAndEachSuccessAfterItsReply()
    {
        var run = SagaScenarios.Single(SagaStyle.Orchestrated, SagaFailure.None, seed: 2);
        Assert.True(run.Ok, run.Describe());
        var log = run.Cluster.SagaLog.Select(e => (e.Event, e.Action)).ToArray();
        (SagaLogEvent, SagaAction?)[] expected =
        [
            (SagaLogEvent.Started, null),
            (SagaLogEvent.StepStarted, SagaAction.CreateOrder), (SagaLogEvent.StepSucceeded, SagaAction.CreateOrder),
            (SagaLogEvent.StepStarted, SagaAction.ReservePayment), (SagaLogEvent.StepSucceeded, SagaAction.ReservePayment),
            (SagaLogEvent.StepStarted, SagaAction.ReserveStock), (SagaLogEvent.StepSucceeded, SagaAction.ReserveStock),
            (SagaLogEvent.StepStarted, SagaAction.ScheduleShipment), (SagaLogEvent.StepSucceeded, SagaAction.ScheduleShipment),
            (SagaLogEvent.StepStarted, SagaAction.ApproveOrder), (SagaLogEvent.StepSucceeded, SagaAction.ApproveOrder),
            (SagaLogEvent.Completed, null),
        ];
        Assert.Equal(expected, log);
    }

    [Fact]
    public void ChoreographyPublishesTheHappyChainOfEvents()
    {
        var run = SagaScenarios.Single(SagaStyle.Choreographed, SagaFailure.None, seed: 3);
        Assert.True(run.Ok, run.Describe());
        var stats = run.Cluster.Simulation.Stats;
        Assert.Equal(0, stats.SentOfKind(nameof(SagaReply)));
        var kinds = run.Cluster.Simulation.Trace.Events
            .Where(e => e.Kind == Course.Simulation.TraceKind.Send && e.Payload is SagaPacket.Deliver)
            .Select(e => ((SagaPacket.Deliver)e.Payload!).Message.Kind).ToArray();
        Assert.Equal([nameof(PlaceOrder), nameof(OrderCreated), nameof(PaymentReserved), nameof(StockReserved), nameof(ShipmentScheduled), nameof(OrderApproved)], kinds);
    }

    [Theory]
    [InlineData(SagaStyle.Orchestrated)]
    [InlineData(SagaStyle.Choreographed)]
    public void ManyOrdersOnAReliableNetworkAllFinishAndTheBooksBalance(SagaStyle style)
    {
        var cluster = new SagaCluster(style, seed: 4);
        for (var i = 0; i < 12; i++) cluster.PlaceOrder(i % 2 == 0 ? "alice" : "bob", 40 + i, i % 3 == 0 ? "lamp" : "book", 1, i % 5 == 4 ? "Atlantis" : "Oslo");
        Assert.True(cluster.RunUntilSettled(TimeSpan.FromSeconds(10)), "seed 4: did not settle");
        var audit = cluster.Audit();
        output.WriteLine(audit.Describe());
        Assert.True(audit.Ok, audit.Describe());
        Assert.Equal(12, audit.Completed + audit.Compensated);
        Assert.True(audit.Completed >= 6, audit.Describe());
        Assert.Contains(audit.Orders, o => o.Payment == PaymentStatus.Declined);   // bob runs out of money
        Assert.Contains(audit.Orders, o => o.Shipment == ShipmentStatus.Refused);  // and nobody ships to Atlantis
    }
}

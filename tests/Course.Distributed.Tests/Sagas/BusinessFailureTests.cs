using Course.Distributed.Transactions.Sagas;
using Course.Simulation;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Sagas;

/// <summary>Each step refusing in turn: exactly the steps done before it are compensated, in reverse order.</summary>
public class BusinessFailureTests(ITestOutputHelper output)
{
    public static TheoryData<SagaStyle, SagaFailure> Cases()
    {
        var data = new TheoryData<SagaStyle, SagaFailure>();
        foreach (var style in Enum.GetValues<SagaStyle>())
            foreach (var failure in Enum.GetValues<SagaFailure>().Where(f => f != SagaFailure.None))
                data.Add(style, failure);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AFailingStepLeavesTheOrderFullyCompensated(SagaStyle style, SagaFailure failure)
    {
        var run = SagaScenarios.Single(style, failure, seed: 5);
        output.WriteLine(run.Describe());
        Assert.True(run.Ok, run.Describe());
        var report = Assert.Single(run.Audit.Orders);
        Assert.Equal(OrderOutcome.Compensated, report.Outcome);
        Assert.Equal(OrderStatus.Cancelled, report.OrderStatus);
        Assert.Equal(ShopConfiguration.Default.TotalMoney, run.Audit.Ledger.Total);
        Assert.Equal(0, run.Audit.Ledger.MerchantBalance);
        Assert.All(run.Audit.Stock.Reserved.Values, r => Assert.Equal(0, r));
        var told = run.Cluster.OutcomeOf(report.Order)!;
        Assert.False(told.Approved);

        var (payment, stock, shipment) = failure switch
        {
            SagaFailure.InsufficientFunds => (PaymentStatus.Declined, ReservationStatus.None, ShipmentStatus.None),
            SagaFailure.OutOfStock => (PaymentStatus.Refunded, ReservationStatus.Unavailable, ShipmentStatus.None),
            _ => (PaymentStatus.Refunded, ReservationStatus.Released, ShipmentStatus.Refused),
        };
        Assert.Equal((payment, stock, shipment), (report.Payment, report.Stock, report.Shipment));
        Assert.Contains(failure switch
        {
            SagaFailure.InsufficientFunds => "insufficient funds",
            SagaFailure.OutOfStock => "out of stock",
            _ => "refuses to ship",
        }, told.Reason);
    }

    [Fact]
    public void TheOrchestratorCompensatesInReverseOrderOfTheSteps()
    {
        var run = SagaScenarios.Single(SagaStyle.Orchestrated, SagaFailure.ShippingRefused, seed: 6);
        Assert.True(run.Ok, run.Describe());
        var compensations = run.Cluster.SagaLog.Where(e => e.Event == SagaLogEvent.CompensationStarted).Select(e => e.Action).ToArray();
        Assert.Equal([SagaAction.ReleaseStock, SagaAction.RefundPayment, SagaAction.CancelOrder], compensations);
        Assert.Equal(SagaLogEvent.Compensated, run.Cluster.SagaLog[^1].Event);
        Assert.Contains("Atlantis", run.Cluster.SagaLog[^1].Reason);
    }

    [Fact]
    public void ChoreographyCarriesTheFailureBackUpTheChain()
    {
        var run = SagaScenarios.Single(SagaStyle.Choreographed, SagaFailure.ShippingRefused, seed: 7);
        Assert.True(run.Ok, run.Describe());
        var kinds = run.Cluster.Simulation.Trace.Events
            .Where(e => e.Kind == TraceKind.Send && e.Payload is SagaPacket.Deliver)
            .Select(e => ((SagaPacket.Deliver)e.Payload!).Message.Kind).ToArray();
        Assert.Equal([nameof(PlaceOrder), nameof(OrderCreated), nameof(PaymentReserved), nameof(StockReserved),
            nameof(ShipmentRefused), nameof(StockReleased), nameof(PaymentRefunded), nameof(OrderCancelled)], kinds);
    }
}

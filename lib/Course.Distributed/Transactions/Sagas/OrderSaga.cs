namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// The order saga as data — the orchestrator interprets it (Garcia-Molina &amp; Salem's T1…Tn with
/// compensations C1…Cn-1): create the order, reserve the payment, reserve the stock, schedule the shipment
/// (the pivot), approve the order. A failure before the pivot runs the compensations backwards.
/// </summary>
public static class OrderSaga
{
    public static IReadOnlyList<SagaStep> Steps { get; } =
    [
        new(SagaAction.CreateOrder, SagaEndpoints.Orders, SagaStepKind.Compensatable, SagaAction.CancelOrder),
        new(SagaAction.ReservePayment, SagaEndpoints.Payments, SagaStepKind.Compensatable, SagaAction.RefundPayment),
        new(SagaAction.ReserveStock, SagaEndpoints.Inventory, SagaStepKind.Compensatable, SagaAction.ReleaseStock),
        new(SagaAction.ScheduleShipment, SagaEndpoints.Shipping, SagaStepKind.Pivot, null),
        new(SagaAction.ApproveOrder, SagaEndpoints.Orders, SagaStepKind.Retriable, null),
    ];

    /// <summary>The index of the step whose action or compensation is <paramref name="action"/>.</summary>
    public static int IndexOf(SagaAction action)
    {
        for (var i = 0; i < Steps.Count; i++)
            if (Steps[i].Action == action || Steps[i].Compensation == action) return i;
        throw new ArgumentOutOfRangeException(nameof(action), action, "Not an action of the order saga.");
    }

    /// <summary>The command that runs <paramref name="action"/> for one order.</summary>
    public static SagaCommand Command(SagaAction action, OrderId order, OrderDetails details, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        var why = reason ?? "compensating";
        return action switch
        {
            SagaAction.CreateOrder => new CreateOrder(order, details),
            SagaAction.ReservePayment => new ReservePayment(order, details.Customer, details.Amount),
            SagaAction.ReserveStock => new ReserveStock(order, details.Sku, details.Quantity),
            SagaAction.ScheduleShipment => new ScheduleShipment(order, details.Destination),
            SagaAction.ApproveOrder => new ApproveOrder(order),
            SagaAction.CancelOrder => new CancelOrder(order, why),
            SagaAction.RefundPayment => new RefundPayment(order, why),
            SagaAction.ReleaseStock => new ReleaseStock(order, why),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not an action of the order saga."),
        };
    }
}

namespace Course.Distributed.Transactions.Sagas;

/// <summary>The customer's request: it starts the saga (at the orchestrator, or at the order service in choreography).</summary>
public sealed record PlaceOrder(OrderId Order, OrderDetails Details) : SagaMessage(Order);

/// <summary>To the customer: the saga completed and the order is approved.</summary>
public sealed record OrderApproved(OrderId Order) : SagaMessage(Order);

/// <summary>To the customer: the saga was compensated and the order is cancelled, with the first failure.</summary>
public sealed record OrderCancelled(OrderId Order, string Reason) : SagaMessage(Order)
{
    protected override string Detail => $" ({Reason})";
}

namespace Course.Distributed.Transactions.Sagas;

// Choreography's domain events (Richardson ch. 4.2): each service publishes what it did, and the next service
// reacts. The happy chain is OrderCreated → PaymentReserved → StockReserved → ShipmentScheduled; a failure event
// travels back up, each service undoing its own step: ShipmentRefused → StockReleased → PaymentRefunded, or
// StockUnavailable → PaymentRefunded, or PaymentDeclined — and the order service cancels the order.
// Events carry the order's details where the next service needs them (event-carried state transfer).

public sealed record OrderCreated(OrderId Order, OrderDetails Details) : SagaMessage(Order);

public sealed record PaymentReserved(OrderId Order, OrderDetails Details) : SagaMessage(Order);

public sealed record PaymentDeclined(OrderId Order, string Reason) : SagaMessage(Order)
{
    protected override string Detail => $" ({Reason})";
}

public sealed record StockReserved(OrderId Order, OrderDetails Details) : SagaMessage(Order);

public sealed record StockUnavailable(OrderId Order, string Reason) : SagaMessage(Order)
{
    protected override string Detail => $" ({Reason})";
}

public sealed record ShipmentScheduled(OrderId Order) : SagaMessage(Order);

public sealed record ShipmentRefused(OrderId Order, string Reason) : SagaMessage(Order)
{
    protected override string Detail => $" ({Reason})";
}

public sealed record StockReleased(OrderId Order, string Reason) : SagaMessage(Order)
{
    protected override string Detail => $" ({Reason})";
}

public sealed record PaymentRefunded(OrderId Order, string Reason) : SagaMessage(Order)
{
    protected override string Detail => $" ({Reason})";
}

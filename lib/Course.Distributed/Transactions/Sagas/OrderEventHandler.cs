namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// The order service in the choreographed saga: it starts the saga (a placed order becomes OrderCreated) and
/// ends it — approved when the shipment is scheduled, cancelled when the payment was declined or refunded.
/// An event that changes nothing (a repeat) publishes nothing.
/// </summary>
public sealed class OrderEventHandler(SagaOptions? options = null) : ISagaHandler
{
    private readonly SagaOptions _options = options ?? new SagaOptions();

    public OrderBook Book { get; private set; } = new();
    public string Endpoint => SagaEndpoints.Orders;
    public IReadOnlyList<Type> Consumes { get; } =
        [typeof(PlaceOrder), typeof(ShipmentScheduled), typeof(PaymentDeclined), typeof(PaymentRefunded)];

    public void Handle(SagaMessage message, ISagaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TransientFaults.Strike(context, _options, "the orders database");
        switch (message)
        {
            case PlaceOrder p when Book.Create(p.Order, p.Details).Changed:
                context.Emit(new OrderCreated(p.Order, p.Details));
                break;
            case ShipmentScheduled s:
                var approved = Book.Approve(s.Order);
                if (approved.Changed) context.Emit(new OrderApproved(s.Order));
                else if (!approved.Succeeded) context.Note("ignored", $"{s}: {approved.Reason}");
                break;
            case PaymentDeclined d when Book.Cancel(d.Order, d.Reason).Changed:
                context.Emit(new OrderCancelled(d.Order, d.Reason));
                break;
            case PaymentRefunded r when Book.Cancel(r.Order, r.Reason).Changed:
                context.Emit(new OrderCancelled(r.Order, r.Reason));
                break;
        }
    }

    public bool Tick(ISagaContext context) => false;
    public byte[] SaveState() => Book.Save();
    public void RestoreState(byte[] state) => Book = OrderBook.Restore(state);
}

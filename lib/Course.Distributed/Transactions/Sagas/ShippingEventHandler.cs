namespace Course.Distributed.Transactions.Sagas;

/// <summary>The shipping service in the choreographed saga: schedules (the pivot) when the stock is reserved.</summary>
public sealed class ShippingEventHandler(ShopConfiguration shop, SagaOptions? options = null) : ISagaHandler
{
    private readonly ShopConfiguration _shop = shop ?? throw new ArgumentNullException(nameof(shop));
    private readonly SagaOptions _options = options ?? new SagaOptions();

    public ShippingDesk Desk { get; private set; } = new(shop);
    public string Endpoint => SagaEndpoints.Shipping;
    public IReadOnlyList<Type> Consumes { get; } = [typeof(StockReserved)];

    public void Handle(SagaMessage message, ISagaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TransientFaults.Strike(context, _options, "the carrier's API");
        var reserved = (StockReserved)message;
        var outcome = Desk.Schedule(reserved.Order, reserved.Details.Destination);
        if (!outcome.Changed) return;
        context.Emit(outcome.Succeeded
            ? new ShipmentScheduled(reserved.Order)
            : new ShipmentRefused(reserved.Order, outcome.Reason!));
    }

    public bool Tick(ISagaContext context) => false;
    public byte[] SaveState() => Desk.Save();
    public void RestoreState(byte[] state) => Desk = ShippingDesk.Restore(state, _shop);
}

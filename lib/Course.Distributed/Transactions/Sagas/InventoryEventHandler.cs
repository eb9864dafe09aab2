namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// The inventory service in the choreographed saga: reserves when the payment is reserved (StockReserved or
/// StockUnavailable), releases when the carrier refused (StockReleased).
/// </summary>
public sealed class InventoryEventHandler(ShopConfiguration shop, SagaOptions? options = null) : ISagaHandler
{
    private readonly SagaOptions _options = options ?? new SagaOptions();

    public StockRoom Stock { get; private set; } = new(shop);
    public string Endpoint => SagaEndpoints.Inventory;
    public IReadOnlyList<Type> Consumes { get; } = [typeof(PaymentReserved), typeof(ShipmentRefused)];

    public void Handle(SagaMessage message, ISagaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TransientFaults.Strike(context, _options, "the inventory database");
        switch (message)
        {
            case PaymentReserved paid:
                var reserve = Stock.Reserve(paid.Order, paid.Details.Sku, paid.Details.Quantity);
                if (!reserve.Changed) break;
                context.Emit(reserve.Succeeded
                    ? new StockReserved(paid.Order, paid.Details)
                    : new StockUnavailable(paid.Order, reserve.Reason!));
                break;
            case ShipmentRefused refused when Stock.Release(refused.Order, refused.Reason).Changed:
                context.Emit(new StockReleased(refused.Order, refused.Reason));
                break;
        }
    }

    public bool Tick(ISagaContext context) => false;
    public byte[] SaveState() => Stock.Save();
    public void RestoreState(byte[] state) => Stock = StockRoom.Restore(state);
}

namespace Course.Distributed.Transactions.Sagas;

/// <summary>The inventory service as an orchestrated participant: reserve or release stock on command, always reply.</summary>
public sealed class InventoryCommandHandler(ShopConfiguration shop, SagaOptions? options = null) : ISagaHandler
{
    private readonly SagaOptions _options = options ?? new SagaOptions();

    public StockRoom Stock { get; private set; } = new(shop);
    public string Endpoint => SagaEndpoints.Inventory;
    public IReadOnlyList<Type> Consumes { get; } = [typeof(ReserveStock), typeof(ReleaseStock)];

    public void Handle(SagaMessage message, ISagaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TransientFaults.Strike(context, _options, "the inventory database");
        var command = (SagaCommand)message;
        var outcome = command switch
        {
            ReserveStock r => Stock.Reserve(r.Order, r.Sku, r.Quantity),
            ReleaseStock r => Stock.Release(r.Order, r.Reason),
            _ => throw new ArgumentException($"unexpected {message.Kind}", nameof(message)),
        };
        context.Emit(new SagaReply(command.Order, command.Action, outcome.Succeeded, outcome.Reason));
    }

    public bool Tick(ISagaContext context) => false;
    public byte[] SaveState() => Stock.Save();
    public void RestoreState(byte[] state) => Stock = StockRoom.Restore(state);
}

namespace Course.Distributed.Transactions.Sagas;

/// <summary>The shipping service as an orchestrated participant: schedule (the pivot) on command, always reply.</summary>
public sealed class ShippingCommandHandler(ShopConfiguration shop, SagaOptions? options = null) : ISagaHandler
{
    private readonly ShopConfiguration _shop = shop ?? throw new ArgumentNullException(nameof(shop));
    private readonly SagaOptions _options = options ?? new SagaOptions();

    public ShippingDesk Desk { get; private set; } = new(shop);
    public string Endpoint => SagaEndpoints.Shipping;
    public IReadOnlyList<Type> Consumes { get; } = [typeof(ScheduleShipment)];

    public void Handle(SagaMessage message, ISagaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TransientFaults.Strike(context, _options, "the carrier's API");
        var command = (ScheduleShipment)message;
        var outcome = Desk.Schedule(command.Order, command.Destination);
        context.Emit(new SagaReply(command.Order, command.Action, outcome.Succeeded, outcome.Reason));
    }

    public bool Tick(ISagaContext context) => false;
    public byte[] SaveState() => Desk.Save();
    public void RestoreState(byte[] state) => Desk = ShippingDesk.Restore(state, _shop);
}

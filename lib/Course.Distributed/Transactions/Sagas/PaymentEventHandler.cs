namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// The payment service in the choreographed saga: charges when an order is created (PaymentReserved or
/// PaymentDeclined), refunds when the stock could not be had or was given back (PaymentRefunded).
/// </summary>
public sealed class PaymentEventHandler(ShopConfiguration shop, SagaOptions? options = null) : ISagaHandler
{
    private readonly SagaOptions _options = options ?? new SagaOptions();

    public PaymentLedger Ledger { get; private set; } = new(shop);
    public string Endpoint => SagaEndpoints.Payments;
    public IReadOnlyList<Type> Consumes { get; } = [typeof(OrderCreated), typeof(StockUnavailable), typeof(StockReleased)];

    public void Handle(SagaMessage message, ISagaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TransientFaults.Strike(context, _options, "the payment gateway");
        switch (message)
        {
            case OrderCreated created:
                var charge = Ledger.Charge(created.Order, created.Details.Customer, created.Details.Amount);
                if (!charge.Changed) break;
                context.Emit(charge.Succeeded
                    ? new PaymentReserved(created.Order, created.Details)
                    : new PaymentDeclined(created.Order, charge.Reason!));
                break;
            case StockUnavailable u when Ledger.Refund(u.Order, u.Reason).Changed:
                context.Emit(new PaymentRefunded(u.Order, u.Reason));
                break;
            case StockReleased r when Ledger.Refund(r.Order, r.Reason).Changed:
                context.Emit(new PaymentRefunded(r.Order, r.Reason));
                break;
        }
    }

    public bool Tick(ISagaContext context) => false;
    public byte[] SaveState() => Ledger.Save();
    public void RestoreState(byte[] state) => Ledger = PaymentLedger.Restore(state);
}

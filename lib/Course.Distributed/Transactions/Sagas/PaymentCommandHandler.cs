namespace Course.Distributed.Transactions.Sagas;

/// <summary>The payment service as an orchestrated participant: charge or refund on command, always reply.</summary>
public sealed class PaymentCommandHandler(ShopConfiguration shop, SagaOptions? options = null) : ISagaHandler
{
    private readonly SagaOptions _options = options ?? new SagaOptions();

    public PaymentLedger Ledger { get; private set; } = new(shop);
    public string Endpoint => SagaEndpoints.Payments;
    public IReadOnlyList<Type> Consumes { get; } = [typeof(ReservePayment), typeof(RefundPayment)];

    public void Handle(SagaMessage message, ISagaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TransientFaults.Strike(context, _options, "the payment gateway");
        var command = (SagaCommand)message;
        var outcome = command switch
        {
            ReservePayment r => Ledger.Charge(r.Order, r.Customer, r.Amount),
            RefundPayment r => Ledger.Refund(r.Order, r.Reason),
            _ => throw new ArgumentException($"unexpected {message.Kind}", nameof(message)),
        };
        context.Emit(new SagaReply(command.Order, command.Action, outcome.Succeeded, outcome.Reason));
    }

    public bool Tick(ISagaContext context) => false;
    public byte[] SaveState() => Ledger.Save();
    public void RestoreState(byte[] state) => Ledger = PaymentLedger.Restore(state);
}

namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// The order service as an orchestrated participant: create, approve or cancel on command, always reply
/// (the same command again gets the same reply), and tell the customer when the order's fate is sealed.
/// </summary>
public sealed class OrderCommandHandler(SagaOptions? options = null) : ISagaHandler
{
    private readonly SagaOptions _options = options ?? new SagaOptions();

    public OrderBook Book { get; private set; } = new();
    public string Endpoint => SagaEndpoints.Orders;
    public IReadOnlyList<Type> Consumes { get; } = [typeof(CreateOrder), typeof(ApproveOrder), typeof(CancelOrder)];

    public void Handle(SagaMessage message, ISagaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TransientFaults.Strike(context, _options, "the orders database");
        var command = (SagaCommand)message;
        var outcome = command switch
        {
            CreateOrder c => Book.Create(c.Order, c.Details),
            ApproveOrder a => Book.Approve(a.Order),
            CancelOrder c => Book.Cancel(c.Order, c.Reason),
            _ => throw new ArgumentException($"unexpected {message.Kind}", nameof(message)),
        };
        if (outcome.Changed && command is ApproveOrder) context.Emit(new OrderApproved(command.Order));
        if (outcome.Changed && command is CancelOrder cancel) context.Emit(new OrderCancelled(cancel.Order, cancel.Reason));
        context.Emit(new SagaReply(command.Order, command.Action, outcome.Succeeded, outcome.Reason));
    }

    public bool Tick(ISagaContext context) => false;
    public byte[] SaveState() => Book.Save();
    public void RestoreState(byte[] state) => Book = OrderBook.Restore(state);
}

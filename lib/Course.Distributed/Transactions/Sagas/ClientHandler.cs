namespace Course.Distributed.Transactions.Sagas;

/// <summary>What the customer heard about one order.</summary>
public sealed record ClientOutcome(OrderId Order, bool Approved, string? Reason);

/// <summary>
/// The customer's side: places orders (through its endpoint's outbox, so a placed order is never lost) and
/// records the answers. Not a service of the saga; it is how a test or a notebook sees the end of one.
/// </summary>
public sealed class ClientHandler : ISagaHandler
{
    private readonly SortedDictionary<OrderId, ClientOutcome> _outcomes = [];

    public string Endpoint => SagaEndpoints.Client;
    public IReadOnlyList<Type> Consumes { get; } = [typeof(OrderApproved), typeof(OrderCancelled)];
    public IReadOnlyDictionary<OrderId, ClientOutcome> Outcomes => _outcomes;

    public void Handle(SagaMessage message, ISagaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = message switch
        {
            OrderApproved a => new ClientOutcome(a.Order, true, null),
            OrderCancelled c => new ClientOutcome(c.Order, false, c.Reason),
            _ => throw new ArgumentException($"unexpected {message.Kind}", nameof(message)),
        };
        if (!_outcomes.TryAdd(outcome.Order, outcome) && _outcomes[outcome.Order].Approved != outcome.Approved)
            throw new InvalidOperationException($"{outcome.Order} was reported both approved and cancelled");
    }

    public bool Tick(ISagaContext context) => false;
    public byte[] SaveState() => SagaJson.Serialize(_outcomes.Values.ToArray());

    public void RestoreState(byte[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _outcomes.Clear();
        foreach (var o in SagaJson.Deserialize<ClientOutcome[]>(state)) _outcomes[o.Order] = o;
    }
}

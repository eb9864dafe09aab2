namespace Course.Distributed.Transactions.Sagas;

public enum OrderStatus { None, Pending, Approved, Cancelled }

/// <summary>One order as the order service knows it. Details are null for a cancellation that came first.</summary>
public sealed record OrderEntry(OrderId Order, OrderStatus Status, OrderDetails? Details, string? Reason);

/// <summary>
/// The order service's database. An order is created PENDING (Richardson's APPROVAL_PENDING: a semantic lock
/// that tells readers the saga is not over), then APPROVED or CANCELLED — both final. A cancellation of an
/// order never seen is remembered as a tombstone, so a late, reordered create cannot resurrect it.
/// </summary>
public sealed class OrderBook
{
    private readonly SortedDictionary<OrderId, OrderEntry> _orders = [];

    public IReadOnlyCollection<OrderEntry> Orders => _orders.Values;

    public OrderStatus StatusOf(OrderId order) => _orders.TryGetValue(order, out var e) ? e.Status : OrderStatus.None;

    public OrderEntry? Find(OrderId order) => _orders.GetValueOrDefault(order);

    public StepOutcome Create(OrderId order, OrderDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        switch (StatusOf(order))
        {
            case OrderStatus.None:
                _orders[order] = new OrderEntry(order, OrderStatus.Pending, details, null);
                return StepOutcome.Done;
            case OrderStatus.Cancelled:
                return StepOutcome.Refused($"{order} was already cancelled", changed: false);
            default:
                return StepOutcome.AlreadyDone;
        }
    }

    public StepOutcome Approve(OrderId order)
    {
        switch (StatusOf(order))
        {
            case OrderStatus.Pending:
                _orders[order] = _orders[order] with { Status = OrderStatus.Approved };
                return StepOutcome.Done;
            case OrderStatus.Approved:
                return StepOutcome.AlreadyDone;
            default:
                return StepOutcome.Refused($"{order} is {StatusOf(order)}, it cannot be approved", changed: false);
        }
    }

    /// <summary>The compensation of <see cref="Create"/> ("reject order").</summary>
    public StepOutcome Cancel(OrderId order, string reason)
    {
        switch (StatusOf(order))
        {
            case OrderStatus.None:
                _orders[order] = new OrderEntry(order, OrderStatus.Cancelled, null, reason);
                return StepOutcome.Done;
            case OrderStatus.Pending:
                _orders[order] = _orders[order] with { Status = OrderStatus.Cancelled, Reason = reason };
                return StepOutcome.Done;
            case OrderStatus.Cancelled:
                return StepOutcome.AlreadyDone;
            default:
                return StepOutcome.Refused($"{order} is approved, it cannot be cancelled", changed: false);
        }
    }

    public byte[] Save() => SagaJson.Serialize(_orders.Values.ToArray());

    public static OrderBook Restore(byte[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var book = new OrderBook();
        foreach (var e in SagaJson.Deserialize<OrderEntry[]>(state)) book._orders[e.Order] = e;
        return book;
    }
}

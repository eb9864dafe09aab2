namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// An order, and the saga that carries it out: one saga per order, so the order id is the saga id
/// (Richardson's "saga instance"). Every message names it; per-saga deduplication keys on it.
/// </summary>
public readonly record struct OrderId(int Value) : IComparable<OrderId>
{
    public int CompareTo(OrderId other) => Value.CompareTo(other.Value);
    public override string ToString() => $"order-{Value}";
}

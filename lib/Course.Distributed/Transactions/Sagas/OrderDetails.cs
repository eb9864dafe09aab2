namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// What the customer asked for: who pays how much, for how many of which item, shipped where. Checked here,
/// at the edge, so a malformed order is refused before it starts a saga (and a malformed message on the wire
/// fails to decode: a poison message, not a half-run saga).
/// </summary>
public sealed record OrderDetails
{
    public OrderDetails(string customer, long amount, string sku, int quantity, string destination)
    {
        Customer = NonBlank(customer, nameof(customer));
        Amount = amount > 0 ? amount : throw new ArgumentOutOfRangeException(nameof(amount), amount, "amount must be positive.");
        Sku = NonBlank(sku, nameof(sku));
        Quantity = quantity > 0 ? quantity : throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "quantity must be positive.");
        Destination = NonBlank(destination, nameof(destination));
    }

    public string Customer { get; }
    public long Amount { get; }
    public string Sku { get; }
    public int Quantity { get; }
    public string Destination { get; }

    public override string ToString() => $"{Customer} pays {Amount} for {Quantity}×{Sku} to {Destination}";

    internal static string NonBlank(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} must not be empty.", name) : value;
}

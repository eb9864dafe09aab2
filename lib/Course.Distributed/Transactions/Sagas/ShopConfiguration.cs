namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// The world the services start from, and so the business failures it injects: a customer whose balance is
/// below the order's amount is declined (insufficient funds), an item with too little stock is unavailable
/// (out of stock), a destination in <see cref="RefusedDestinations"/> is refused by the carrier.
/// </summary>
public sealed record ShopConfiguration
{
    /// <param name="balances">Each customer's account balance (not negative).</param>
    /// <param name="stock">Units available of each item (not negative).</param>
    /// <param name="refusedDestinations">Destinations the carrier will not ship to.</param>
    /// <param name="merchantBalance">The merchant's account, which payments are credited to (not negative).</param>
    public ShopConfiguration(IReadOnlyDictionary<string, long> balances, IReadOnlyDictionary<string, int> stock,
        IEnumerable<string>? refusedDestinations = null, long merchantBalance = 0)
    {
        ArgumentNullException.ThrowIfNull(balances);
        ArgumentNullException.ThrowIfNull(stock);
        if (balances.Count == 0) throw new ArgumentException("A shop needs at least one customer.", nameof(balances));
        if (stock.Count == 0) throw new ArgumentException("A shop needs at least one item in its catalogue.", nameof(stock));
        foreach (var (customer, balance) in balances)
        {
            OrderDetails.NonBlank(customer, nameof(balances));
            if (balance < 0) throw new ArgumentOutOfRangeException(nameof(balances), balance, $"{customer}'s balance must not be negative.");
        }
        foreach (var (sku, units) in stock)
        {
            OrderDetails.NonBlank(sku, nameof(stock));
            if (units < 0) throw new ArgumentOutOfRangeException(nameof(stock), units, $"the stock of {sku} must not be negative.");
        }
        if (merchantBalance < 0) throw new ArgumentOutOfRangeException(nameof(merchantBalance), merchantBalance, "merchantBalance must not be negative.");
        var refused = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var destination in refusedDestinations ?? []) refused.Add(OrderDetails.NonBlank(destination, nameof(refusedDestinations)));

        Balances = new SortedDictionary<string, long>(balances.ToDictionary(), StringComparer.Ordinal);
        Stock = new SortedDictionary<string, int>(stock.ToDictionary(), StringComparer.Ordinal);
        RefusedDestinations = refused;
        MerchantBalance = merchantBalance;
    }

    public IReadOnlyDictionary<string, long> Balances { get; }
    public IReadOnlyDictionary<string, int> Stock { get; }
    public IReadOnlySet<string> RefusedDestinations { get; }
    public long MerchantBalance { get; }

    /// <summary>All the money in the system: what every run must still have at the end.</summary>
    public long TotalMoney => Balances.Values.Sum() + MerchantBalance;

    /// <summary>
    /// Three customers (alice is rich, carol nearly broke), three items (lamps are scarce) and one destination
    /// the carrier refuses ("Atlantis"): enough for every failure to happen.
    /// </summary>
    public static ShopConfiguration Default { get; } = new(
        new Dictionary<string, long> { ["alice"] = 1_000, ["bob"] = 200, ["carol"] = 30 },
        new Dictionary<string, int> { ["book"] = 20, ["chair"] = 6, ["lamp"] = 3 },
        ["Atlantis"]);

    public override string ToString() =>
        $"balances {string.Join(", ", Balances.Select(b => $"{b.Key} {b.Value}"))}; stock {string.Join(", ", Stock.Select(s => $"{s.Key} {s.Value}"))}; " +
        $"refused {string.Join(", ", RefusedDestinations)}";
}

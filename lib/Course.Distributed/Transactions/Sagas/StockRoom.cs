namespace Course.Distributed.Transactions.Sagas;

public enum ReservationStatus
{
    None,
    /// <summary>Units moved from available to reserved for this order.</summary>
    Reserved,
    /// <summary>Refused (out of stock, unknown item); nothing moved.</summary>
    Unavailable,
    /// <summary>Reserved, then given back by the compensation.</summary>
    Released,
    /// <summary>The release arrived before any reservation: a tombstone, so a late reservation is refused.</summary>
    Voided,
}

public sealed record ReservationEntry(OrderId Order, ReservationStatus Status, string? Sku, int Quantity, string? Reason);

/// <summary>
/// The inventory service's database: units available and units reserved per item, and one reservation record
/// per order. Reserving moves units from available to reserved, releasing moves them back: available + reserved
/// is constant per item. A shipped order's units stay reserved (allocated to it).
/// </summary>
public sealed class StockRoom
{
    private readonly SortedDictionary<string, int> _available = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _reserved = new(StringComparer.Ordinal);
    private readonly SortedDictionary<OrderId, ReservationEntry> _reservations = [];

    public StockRoom(ShopConfiguration shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        foreach (var (sku, units) in shop.Stock)
        {
            _available[sku] = units;
            _reserved[sku] = 0;
        }
    }

    private StockRoom() { }

    public IReadOnlyDictionary<string, int> Available => _available;
    public IReadOnlyDictionary<string, int> Reserved => _reserved;
    public IReadOnlyCollection<ReservationEntry> Reservations => _reservations.Values;

    public ReservationStatus StatusOf(OrderId order) =>
        _reservations.TryGetValue(order, out var r) ? r.Status : ReservationStatus.None;

    public StepOutcome Reserve(OrderId order, string sku, int quantity)
    {
        ArgumentNullException.ThrowIfNull(sku);
        if (quantity <= 0) throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "quantity must be positive.");
        switch (StatusOf(order))
        {
            case ReservationStatus.Reserved:
                return StepOutcome.AlreadyDone;
            case ReservationStatus.Unavailable:
                return StepOutcome.Refused(_reservations[order].Reason!, changed: false);
            case ReservationStatus.Released or ReservationStatus.Voided:
                return StepOutcome.Refused($"the stock for {order} was already {StatusOf(order).ToString().ToLowerInvariant()}", changed: false);
        }
        var reason = !_available.TryGetValue(sku, out var available) ? $"unknown item {sku}"
            : available < quantity ? $"out of stock: {available} {sku} left, the order wants {quantity}"
            : null;
        if (reason is not null)
        {
            _reservations[order] = new ReservationEntry(order, ReservationStatus.Unavailable, sku, quantity, reason);
            return StepOutcome.Refused(reason, changed: true);
        }
        _available[sku] = available - quantity;
        _reserved[sku] += quantity;
        _reservations[order] = new ReservationEntry(order, ReservationStatus.Reserved, sku, quantity, null);
        return StepOutcome.Done;
    }

    /// <summary>The compensation of <see cref="Reserve"/>. Always succeeds; releasing what was never reserved leaves a tombstone.</summary>
    public StepOutcome Release(OrderId order, string reason)
    {
        switch (StatusOf(order))
        {
            case ReservationStatus.None:
                _reservations[order] = new ReservationEntry(order, ReservationStatus.Voided, null, 0, reason);
                return StepOutcome.Done;
            case ReservationStatus.Reserved:
                var r = _reservations[order];
                _available[r.Sku!] += r.Quantity;
                _reserved[r.Sku!] -= r.Quantity;
                _reservations[order] = r with { Status = ReservationStatus.Released, Reason = reason };
                return StepOutcome.Done;
            default:
                return StepOutcome.AlreadyDone;
        }
    }

    public byte[] Save() => SagaJson.Serialize(new State(new Dictionary<string, int>(_available), new Dictionary<string, int>(_reserved), [.. _reservations.Values]));

    public static StockRoom Restore(byte[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var s = SagaJson.Deserialize<State>(state);
        var room = new StockRoom();
        foreach (var (sku, units) in s.Available) room._available[sku] = units;
        foreach (var (sku, units) in s.Reserved) room._reserved[sku] = units;
        foreach (var r in s.Reservations) room._reservations[r.Order] = r;
        return room;
    }

    private sealed record State(Dictionary<string, int> Available, Dictionary<string, int> Reserved, ReservationEntry[] Reservations);
}

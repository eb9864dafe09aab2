namespace Course.Distributed.Transactions.Sagas;

public enum ShipmentStatus { None, Scheduled, Refused }

public sealed record ShipmentEntry(OrderId Order, ShipmentStatus Status, string Destination, string? Reason);

/// <summary>
/// The shipping service's database. Scheduling a shipment is the saga's pivot (Richardson ch. 4): once it
/// succeeds the saga can only go forward, so it has no compensation; a refusal is final and sends the saga back.
/// </summary>
public sealed class ShippingDesk
{
    private readonly IReadOnlySet<string> _refused;
    private readonly SortedDictionary<OrderId, ShipmentEntry> _shipments = [];

    public ShippingDesk(ShopConfiguration shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        _refused = shop.RefusedDestinations;
    }

    public IReadOnlyCollection<ShipmentEntry> Shipments => _shipments.Values;

    public ShipmentStatus StatusOf(OrderId order) => _shipments.TryGetValue(order, out var s) ? s.Status : ShipmentStatus.None;

    public StepOutcome Schedule(OrderId order, string destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        switch (StatusOf(order))
        {
            case ShipmentStatus.Scheduled:
                return StepOutcome.AlreadyDone;
            case ShipmentStatus.Refused:
                return StepOutcome.Refused(_shipments[order].Reason!, changed: false);
        }
        if (_refused.Contains(destination))
        {
            var reason = $"the carrier refuses to ship to {destination}";
            _shipments[order] = new ShipmentEntry(order, ShipmentStatus.Refused, destination, reason);
            return StepOutcome.Refused(reason, changed: true);
        }
        _shipments[order] = new ShipmentEntry(order, ShipmentStatus.Scheduled, destination, null);
        return StepOutcome.Done;
    }

    public byte[] Save() => SagaJson.Serialize(_shipments.Values.ToArray());

    public static ShippingDesk Restore(byte[] state, ShopConfiguration shop)
    {
        ArgumentNullException.ThrowIfNull(state);
        var desk = new ShippingDesk(shop);
        foreach (var s in SagaJson.Deserialize<ShipmentEntry[]>(state)) desk._shipments[s.Order] = s;
        return desk;
    }
}

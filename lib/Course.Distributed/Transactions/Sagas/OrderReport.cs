namespace Course.Distributed.Transactions.Sagas;

public enum OrderOutcome
{
    /// <summary>Approved, paid, stock reserved, shipment scheduled.</summary>
    Completed,
    /// <summary>Cancelled, and nothing charged, reserved or shipped for it any more.</summary>
    Compensated,
    /// <summary>Anything in between: a saga still running, or a half-done order (a bug once everything has settled).</summary>
    Incomplete,
}

/// <summary>One order across every service's database (read from durable state, so a crashed service counts too).</summary>
public sealed record OrderReport(
    OrderId Order,
    OrderDetails Details,
    OrderOutcome Outcome,
    OrderStatus OrderStatus,
    PaymentStatus Payment,
    ReservationStatus Stock,
    ShipmentStatus Shipment,
    SagaStatus? Saga,
    ClientOutcome? Client)
{
    public override string ToString() =>
        $"{Order} [{Details}]: {Outcome} — order {OrderStatus}, payment {Payment}, stock {Stock}, shipment {Shipment}" +
        (Saga is { } s ? $", saga {s}" : "") +
        (Client is { } c ? $", customer told {(c.Approved ? "approved" : $"cancelled ({c.Reason})")}" : ", customer not told");
}

using System.Text.Json.Serialization;

namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// Orchestration's commands: the orchestrator tells one participant to run one local transaction (a step or a
/// compensation) and waits for the <see cref="SagaReply"/>. A command is idempotent at the participant: the
/// same command again gets the same reply and changes nothing.
/// </summary>
public abstract record SagaCommand(OrderId Order) : SagaMessage(Order)
{
    [JsonIgnore]
    public abstract SagaAction Action { get; }
}

public sealed record CreateOrder(OrderId Order, OrderDetails Details) : SagaCommand(Order)
{
    public override SagaAction Action => SagaAction.CreateOrder;
}

public sealed record ReservePayment(OrderId Order, string Customer, long Amount) : SagaCommand(Order)
{
    public override SagaAction Action => SagaAction.ReservePayment;
}

public sealed record ReserveStock(OrderId Order, string Sku, int Quantity) : SagaCommand(Order)
{
    public override SagaAction Action => SagaAction.ReserveStock;
}

public sealed record ScheduleShipment(OrderId Order, string Destination) : SagaCommand(Order)
{
    public override SagaAction Action => SagaAction.ScheduleShipment;
}

public sealed record ApproveOrder(OrderId Order) : SagaCommand(Order)
{
    public override SagaAction Action => SagaAction.ApproveOrder;
}

public sealed record CancelOrder(OrderId Order, string Reason) : SagaCommand(Order)
{
    public override SagaAction Action => SagaAction.CancelOrder;
}

public sealed record RefundPayment(OrderId Order, string Reason) : SagaCommand(Order)
{
    public override SagaAction Action => SagaAction.RefundPayment;
}

public sealed record ReleaseStock(OrderId Order, string Reason) : SagaCommand(Order)
{
    public override SagaAction Action => SagaAction.ReleaseStock;
}

/// <summary>A participant's answer to a command: it succeeded, or it was refused (a business failure) and why.</summary>
public sealed record SagaReply(OrderId Order, SagaAction Action, bool Succeeded, string? Reason = null) : SagaMessage(Order)
{
    public override string Label => $"{Kind}.{Action}";
    protected override string Detail => Succeeded ? " ok" : $" refused ({Reason})";
}

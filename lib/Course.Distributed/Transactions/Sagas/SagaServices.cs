namespace Course.Distributed.Transactions.Sagas;

/// <summary>One service of a saga deployment: its endpoint, and how to build a fresh handler (at start and after each crash).</summary>
public sealed record SagaService(string Endpoint, Func<ISagaHandler> Create);

/// <summary>
/// The deployment of one style — the list every host starts from, so the simulator and RabbitMQ run the same
/// services: the customer, the four domain services (command handlers or event handlers) and, when
/// orchestrated, the orchestrator.
/// </summary>
public static class SagaServices
{
    public static IReadOnlyList<SagaService> For(SagaStyle style, ShopConfiguration shop, SagaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var o = options ?? new SagaOptions();
        return style switch
        {
            SagaStyle.Orchestrated =>
            [
                new(SagaEndpoints.Client, () => new ClientHandler()),
                new(SagaEndpoints.Orchestrator, () => new SagaOrchestrator(o)),
                new(SagaEndpoints.Orders, () => new OrderCommandHandler(o)),
                new(SagaEndpoints.Payments, () => new PaymentCommandHandler(shop, o)),
                new(SagaEndpoints.Inventory, () => new InventoryCommandHandler(shop, o)),
                new(SagaEndpoints.Shipping, () => new ShippingCommandHandler(shop, o)),
            ],
            SagaStyle.Choreographed =>
            [
                new(SagaEndpoints.Client, () => new ClientHandler()),
                new(SagaEndpoints.Orders, () => new OrderEventHandler(o)),
                new(SagaEndpoints.Payments, () => new PaymentEventHandler(shop, o)),
                new(SagaEndpoints.Inventory, () => new InventoryEventHandler(shop, o)),
                new(SagaEndpoints.Shipping, () => new ShippingEventHandler(shop, o)),
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(style), style, "Not a saga style."),
        };
    }
}

namespace Course.Distributed.Transactions.Sagas;

/// <summary>The services' addresses: queue names over RabbitMQ, node names in the simulator.</summary>
public static class SagaEndpoints
{
    public const string Client = "client";
    public const string Orchestrator = "orchestrator";
    public const string Orders = "orders";
    public const string Payments = "payments";
    public const string Inventory = "inventory";
    public const string Shipping = "shipping";
}

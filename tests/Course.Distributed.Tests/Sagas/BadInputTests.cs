using Course.Distributed.Transactions.Sagas;
using Course.Simulation;

namespace Course.Distributed.Tests.Sagas;

public class BadInputTests
{
    private static string? ParamOf(Action action) => Assert.ThrowsAny<ArgumentException>(action).ParamName;

    [Fact]
    public void OrdersAreCheckedAtTheEdge()
    {
        Assert.Equal("customer", ParamOf(() => new OrderDetails(" ", 1, "book", 1, "Oslo")));
        Assert.Equal("amount", ParamOf(() => new OrderDetails("alice", 0, "book", 1, "Oslo")));
        Assert.Equal("sku", ParamOf(() => new OrderDetails("alice", 1, "", 1, "Oslo")));
        Assert.Equal("quantity", ParamOf(() => new OrderDetails("alice", 1, "book", -2, "Oslo")));
        Assert.Equal("destination", ParamOf(() => new OrderDetails("alice", 1, "book", 1, null!)));
        var cluster = new SagaCluster(SagaStyle.Choreographed);
        Assert.Equal("amount", ParamOf(() => cluster.PlaceOrder("alice", -5, "book", 1, "Oslo")));
        Assert.Equal("details", ParamOf(() => cluster.PlaceOrder(null!)));
        Assert.Empty(cluster.Orders);
    }

    [Fact]
    public void AShopNeedsSaneBalancesAndStock()
    {
        var stock = new Dictionary<string, int> { ["book"] = 1 };
        var balances = new Dictionary<string, long> { ["alice"] = 1 };
        Assert.Equal("balances", ParamOf(() => new ShopConfiguration(null!, stock)));
        Assert.Equal("balances", ParamOf(() => new ShopConfiguration(new Dictionary<string, long>(), stock)));
        Assert.Equal("balances", ParamOf(() => new ShopConfiguration(new Dictionary<string, long> { ["alice"] = -1 }, stock)));
        Assert.Equal("stock", ParamOf(() => new ShopConfiguration(balances, new Dictionary<string, int> { [""] = 1 })));
        Assert.Equal("stock", ParamOf(() => new ShopConfiguration(balances, new Dictionary<string, int> { ["book"] = -3 })));
        Assert.Equal("refusedDestinations", ParamOf(() => new ShopConfiguration(balances, stock, [" "])));
        Assert.Equal("merchantBalance", ParamOf(() => new ShopConfiguration(balances, stock, merchantBalance: -1)));
    }

    [Fact]
    public void OptionsAndBackoffAreChecked()
    {
        Assert.Equal("TransientFailureProbability", ParamOf(() => _ = new SagaOptions { TransientFailureProbability = 1 }));
        Assert.Equal("TransientFailureProbability", ParamOf(() => _ = new SagaOptions { TransientFailureProbability = double.NaN }));
        Assert.Equal("MaxDeliveryAttempts", ParamOf(() => _ = new SagaOptions { MaxDeliveryAttempts = 0 }));
        Assert.Equal("StepTimeout", ParamOf(() => _ = new SagaOptions { StepTimeout = TimeSpan.Zero }));
        Assert.Equal("Retry", ParamOf(() => _ = new SagaOptions { Retry = null! }));
        Assert.Equal("initial", ParamOf(() => new Backoff(TimeSpan.Zero, TimeSpan.FromSeconds(1))));
        Assert.Equal("max", ParamOf(() => new Backoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1))));
        Assert.Equal("attempt", ParamOf(() => new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)).Ceiling(-1)));
        Assert.Null(new SagaOptions { StepTimeout = null }.StepTimeout);
    }

    [Fact]
    public void TheClusterNamesTheBadArgument()
    {
        Assert.Equal("style", ParamOf(() => new SagaCluster((SagaStyle)7)));
        var cluster = new SagaCluster(SagaStyle.Orchestrated);
        var e = Assert.Throws<ArgumentException>(() => cluster.Crash("billing"));
        Assert.Equal("endpoint", e.ParamName);
        Assert.Contains("orchestrator", e.Message);
        Assert.Equal("endpoint", ParamOf(() => cluster.Crash(SagaEndpoints.Client)));
        Assert.Equal("endpoint", ParamOf(() => cluster.Restart("nobody")));
        Assert.Equal("downtime", ParamOf(() => cluster.CrashFor(SagaEndpoints.Payments, TimeSpan.FromSeconds(-1))));
        Assert.Equal("point", ParamOf(() => cluster.CrashAt(new SagaCrashPoint(SagaEndpoints.Payments, nameof(OrderCreated), DeliveryStage.Received))));
        Assert.Equal("point", ParamOf(() => cluster.CrashAt(null!)));
        Assert.Equal("restartAfter", ParamOf(() => cluster.CrashAt(SagaCrashPoint.All(SagaStyle.Orchestrated)[0], TimeSpan.FromSeconds(-1))));
        Assert.Equal("order", ParamOf(() => _ = cluster.Audit()[new OrderId(99)]));
        Assert.Equal("value", ParamOf(() => cluster.Network = null!));
    }

    [Fact]
    public void TheRuntimePiecesRefuseNulls()
    {
        var storage = new InMemoryDurableStorage();
        Assert.Equal("handler", ParamOf(() => new SagaEndpoint(null!, storage)));
        Assert.Equal("storage", ParamOf(() => new SagaEndpoint(new ClientHandler(), null!)));
        var endpoint = new SagaEndpoint(new ClientHandler(), storage);
        Assert.Equal("message", ParamOf(() => endpoint.Deliver(new OrderApproved(new OrderId(1)), TimeSpan.Zero, new Random(1))));
        Assert.Equal("message", ParamOf(() => endpoint.Deliver(null!, TimeSpan.Zero, new Random(1))));
        Assert.Equal("random", ParamOf(() => endpoint.Deliver(new OrderApproved(new OrderId(1)) { Id = "x" }, TimeSpan.Zero, null!)));
        Assert.Equal("handlers", ParamOf(() => new SagaRoutes([new ClientHandler(), new ClientHandler()])));
        Assert.Equal("style", ParamOf(() => SagaServices.For((SagaStyle)9, ShopConfiguration.Default)));
        Assert.Equal("shop", ParamOf(() => SagaServices.For(SagaStyle.Orchestrated, null!)));
        Assert.Equal("action", ParamOf(() => OrderSaga.Command((SagaAction)42, new OrderId(1), SagaScenarios.OrderThat(SagaFailure.None))));
        Assert.Equal("failure", ParamOf(() => SagaScenarios.OrderThat((SagaFailure)9)));
        Assert.Equal("amount", ParamOf(() => new PaymentLedger(ShopConfiguration.Default).Charge(new OrderId(1), "alice", 0)));
        Assert.Equal("quantity", ParamOf(() => new StockRoom(ShopConfiguration.Default).Reserve(new OrderId(1), "book", 0)));
    }
}

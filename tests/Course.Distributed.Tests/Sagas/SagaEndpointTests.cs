using Course.Distributed.Transactions.Sagas;
using Course.Simulation;

namespace Course.Distributed.Tests.Sagas;

/// <summary>The idempotent receiver and transactional outbox every host relies on.</summary>
public class SagaEndpointTests
{
    private static readonly ShopConfiguration Shop = ShopConfiguration.Default;
    private static ReservePayment Charge(int order, long amount = 50) => new(new OrderId(order), "bob", amount) { Id = $"orchestrator-{order}" };

    [Fact]
    public void ATransientFailureCommitsNothingAndARetrySucceeds()
    {
        var storage = new InMemoryDurableStorage();
        var flaky = new SagaEndpoint(new PaymentCommandHandler(Shop, new SagaOptions { TransientFailureProbability = 0.999 }), storage);
        var outcome = flaky.Deliver(Charge(1), TimeSpan.Zero, new Random(1));
        Assert.Equal(DeliveryStatus.Transient, outcome.Status);
        Assert.Contains("payment gateway", outcome.Reason);
        Assert.Null(storage.Read(EndpointRecord.StorageKey));
        Assert.False(flaky.HasProcessed("orchestrator-1"));

        var healthy = new SagaEndpoint(new PaymentCommandHandler(Shop), storage);
        Assert.Equal(DeliveryStatus.Processed, healthy.Deliver(Charge(1), TimeSpan.Zero, new Random(1)).Status);
        Assert.Equal(150, ((PaymentCommandHandler)healthy.Handler).Ledger.Balances["bob"]);
    }

    [Fact]
    public void StateDedupeRecordAndOutboxSurviveACrashTogether()
    {
        var storage = new InMemoryDurableStorage();
        var endpoint = new SagaEndpoint(new PaymentCommandHandler(Shop), storage);
        var reply = Assert.Single(endpoint.Deliver(Charge(1), TimeSpan.Zero, new Random(1)).Emitted);
        Assert.Equal("payments-1", reply.Id);

        var restarted = new SagaEndpoint(new PaymentCommandHandler(Shop), storage);
        Assert.Equal(reply, Assert.Single(restarted.Outbox));
        Assert.Equal(DeliveryStatus.Duplicate, restarted.Deliver(Charge(1), TimeSpan.Zero, new Random(1)).Status);
        Assert.Equal(150, ((PaymentCommandHandler)restarted.Handler).Ledger.Balances["bob"]);
        Assert.True(restarted.Confirm(reply.Id));
        Assert.False(restarted.Confirm(reply.Id));
        Assert.Empty(new SagaEndpoint(new PaymentCommandHandler(Shop), storage).Outbox);
        Assert.Equal("payments-2", restarted.Deliver(Charge(2), TimeSpan.Zero, new Random(1)).Emitted[0].Id);
    }

    [Fact]
    public void AMisroutedMessageIsDeadLetteredOnce()
    {
        var endpoint = new SagaEndpoint(new PaymentCommandHandler(Shop), new InMemoryDurableStorage());
        var stray = new ShipmentScheduled(new OrderId(1)) { Id = "shipping-1" };
        var outcome = endpoint.Deliver(stray, TimeSpan.Zero, new Random(1));
        Assert.Equal(DeliveryStatus.Poison, outcome.Status);
        Assert.Equal(stray, Assert.Single(endpoint.DeadLetters).Message);
        Assert.Equal(DeliveryStatus.Duplicate, endpoint.Deliver(stray, TimeSpan.Zero, new Random(1)).Status);
    }

    [Fact]
    public void ARefusedCompensationIsAPoisonMessageNotALoop()
    {
        var endpoint = new SagaEndpoint(new SagaOrchestrator(), new InMemoryDurableStorage());
        var order = new OrderId(1);
        var random = new Random(1);
        endpoint.Deliver(new PlaceOrder(order, SagaScenarios.OrderThat(SagaFailure.None)) { Id = "c-1" }, TimeSpan.Zero, random);
        endpoint.Deliver(new SagaReply(order, SagaAction.CreateOrder, true) { Id = "o-1" }, TimeSpan.Zero, random);
        var compensate = endpoint.Deliver(new SagaReply(order, SagaAction.ReservePayment, false, "declined") { Id = "p-1" }, TimeSpan.Zero, random);
        Assert.IsType<CancelOrder>(Assert.Single(compensate.Emitted));
        var before = endpoint.Handler.SaveState();
        var outcome = endpoint.Deliver(new SagaReply(order, SagaAction.CancelOrder, false, "cannot") { Id = "o-2" }, TimeSpan.Zero, random);
        Assert.Equal(DeliveryStatus.Poison, outcome.Status);
        Assert.Contains("CancelOrder", outcome.Reason);
        Assert.Equal(before, endpoint.Handler.SaveState());
    }

    [Fact]
    public void AMessageThatKeepsFailingTransientlyIsDeadLetteredByTheNode()
    {
        var options = new SagaOptions { TransientFailureProbability = 0.999, MaxDeliveryAttempts = 3 };
        var cluster = new SagaCluster(SagaStyle.Choreographed, seed: 61, options: options);
        cluster.PlaceOrder(SagaScenarios.OrderThat(SagaFailure.None));
        cluster.RunFor(TimeSpan.FromSeconds(2));
        var audit = cluster.Audit(requireComplete: false);
        var dead = Assert.Single(audit.DeadLetters);
        Assert.IsType<PlaceOrder>(dead.Message);
        Assert.Contains("3 attempts", dead.Reason);
        Assert.Equal(3, cluster.Counters.TransientFailures);
        Assert.Contains(audit.Violations, v => v.StartsWith("dead letter"));
    }
}

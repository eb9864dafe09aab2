using Course.Distributed.Transactions.Sagas;
using Course.Simulation;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Sagas;

/// <summary>A duplicate delivery changes nothing — whether it carries the same message id or a new one.</summary>
public class IdempotencyTests(ITestOutputHelper output)
{
    /// <summary>
    /// Replays, service by service, every message a real run delivered — each one twice, the second time under a
    /// NEW id (so the endpoint's dedupe table cannot catch it): the second delivery leaves the state byte for byte
    /// as it was; an event handler publishes nothing, a command handler repeats its reply.
    /// </summary>
    [Theory]
    [InlineData(SagaStyle.Orchestrated)]
    [InlineData(SagaStyle.Choreographed)]
    public void EveryHandlerIgnoresASecondCopyOfEveryMessageItHandles(SagaStyle style)
    {
        var cluster = new SagaCluster(style, seed: 51);
        foreach (var failure in Enum.GetValues<SagaFailure>()) cluster.PlaceOrder(SagaScenarios.OrderThat(failure));
        Assert.True(cluster.RunUntilSettled(TimeSpan.FromSeconds(10)), "seed 51: did not settle");
        var delivered = cluster.Simulation.Trace.Events
            .Where(e => e.Kind == TraceKind.Deliver && e.Payload is SagaPacket.Deliver)
            .Select(e => (Node: e.Node, Message: ((SagaPacket.Deliver)e.Payload!).Message))
            .DistinctBy(d => (d.Node, d.Message.Id)).ToList();

        var checkedMessages = 0;
        foreach (var service in SagaServices.For(style, cluster.Shop, cluster.Options))
        {
            var endpoint = new SagaEndpoint(service.Create(), new InMemoryDurableStorage());
            var random = new Random(1);
            foreach (var (_, message) in delivered.Where(d => d.Node == cluster.Endpoints[service.Endpoint]))
            {
                var first = endpoint.Deliver(message, TimeSpan.Zero, random);
                Assert.Equal(DeliveryStatus.Processed, first.Status);
                var state = endpoint.Handler.SaveState();

                var again = endpoint.Deliver(message with { Id = message.Id + "/copy" }, TimeSpan.Zero, random);
                Assert.Equal(DeliveryStatus.Processed, again.Status);
                Assert.True(state.AsSpan().SequenceEqual(endpoint.Handler.SaveState()), $"{service.Endpoint}: a second {message} changed the state");
                if (message is SagaCommand)
                    Assert.Equal(first.Emitted.OfType<SagaReply>().Select(r => r with { Id = "" }), again.Emitted.Select(r => r with { Id = "" }));
                else
                    Assert.Empty(again.Emitted);

                var commits = endpoint.Commits;
                Assert.Equal(DeliveryStatus.Duplicate, endpoint.Deliver(message, TimeSpan.Zero, random).Status);
                Assert.Equal(commits, endpoint.Commits);
                checkedMessages++;
            }
        }
        output.WriteLine($"{style}: {checkedMessages} messages delivered twice");
        Assert.True(checkedMessages >= (style == SagaStyle.Orchestrated ? 30 : 18), $"only {checkedMessages} messages checked");
    }

    [Fact]
    public void ADoubleChargeIsOneDebitAndADoubleRefundOneCredit()
    {
        var ledger = new PaymentLedger(ShopConfiguration.Default);
        var order = new OrderId(1);
        Assert.Equal(StepOutcome.Done, ledger.Charge(order, "bob", 50));
        Assert.Equal(StepOutcome.AlreadyDone, ledger.Charge(order, "bob", 50));
        Assert.Equal((150, 50L), (ledger.Balances["bob"], ledger.MerchantBalance));
        Assert.Equal(StepOutcome.Done, ledger.Refund(order, "test"));
        Assert.Equal(StepOutcome.AlreadyDone, ledger.Refund(order, "test"));
        Assert.Equal((200, 0L), (ledger.Balances["bob"], ledger.MerchantBalance));
        Assert.False(ledger.Charge(order, "bob", 50).Succeeded); // a late duplicate charge after the refund
        Assert.Equal(200, ledger.Balances["bob"]);
    }

    [Fact]
    public void ADoubleReservationHoldsStockOnceAndAReleaseBeforeTheReservationBlocksIt()
    {
        var stock = new StockRoom(ShopConfiguration.Default);
        Assert.Equal(StepOutcome.Done, stock.Reserve(new OrderId(1), "lamp", 2));
        Assert.Equal(StepOutcome.AlreadyDone, stock.Reserve(new OrderId(1), "lamp", 2));
        Assert.Equal((1, 2), (stock.Available["lamp"], stock.Reserved["lamp"]));
        Assert.Equal(StepOutcome.Done, stock.Release(new OrderId(2), "timed out"));
        Assert.False(stock.Reserve(new OrderId(2), "lamp", 1).Succeeded);
        Assert.Equal(ReservationStatus.Voided, stock.StatusOf(new OrderId(2)));
        Assert.Equal((1, 2), (stock.Available["lamp"], stock.Reserved["lamp"]));
    }

    [Fact]
    public void ACancelledOrderCannotBeCreatedAgainNorApproved()
    {
        var book = new OrderBook();
        var order = new OrderId(3);
        Assert.Equal(StepOutcome.Done, book.Cancel(order, "gave up"));
        Assert.False(book.Create(order, SagaScenarios.OrderThat(SagaFailure.None)).Succeeded);
        Assert.False(book.Approve(order).Succeeded);
        Assert.Equal(OrderStatus.Cancelled, book.StatusOf(order));
    }

    [Theory]
    [InlineData(SagaStyle.Orchestrated)]
    [InlineData(SagaStyle.Choreographed)]
    public void HalfTheMessagesDuplicatedAndReorderedChangeNoOutcome(SagaStyle style)
    {
        var network = new NetworkConditions
        {
            Latency = Latency.Uniform(TimeSpan.Zero, TimeSpan.FromMilliseconds(30)),
            DuplicationProbability = 0.5,
            LongDelayProbability = 0.2,
            LongDelay = TimeSpan.FromMilliseconds(500),
        };
        long duplicates = 0;
        for (var seed = 1; seed <= 20; seed++)
        {
            var failure = (SagaFailure)(seed % 4);
            var run = SagaScenarios.Single(style, failure, seed, network: network);
            Assert.True(run.Ok, run.Describe());
            Assert.Equal(SagaScenarios.Expected(failure), run.Audit.Orders[0].Outcome);
            duplicates += run.Cluster.Counters.Duplicates;
        }
        output.WriteLine($"{style}: {duplicates} duplicate deliveries dropped over 20 seeds");
        Assert.True(duplicates > 50, $"only {duplicates} duplicates: the test did not test much");
    }
}

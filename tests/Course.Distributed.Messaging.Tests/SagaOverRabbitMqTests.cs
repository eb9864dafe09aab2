using Course.Distributed.Transactions.Sagas;
using Xunit.Abstractions;

namespace Course.Distributed.Messaging.Tests;

/// <summary>The simulator's scenario, with the very same handlers, against a real broker.</summary>
[Collection(BrokerCollection.Name)]
public sealed class SagaOverRabbitMqTests(BrokerFixture fixture, ITestOutputHelper output)
{
    internal static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    [SkippableTheory]
    [InlineData(SagaStyle.Orchestrated)]
    [InlineData(SagaStyle.Choreographed)]
    public async Task EveryKindOfOrderEndsAsInTheSimulatorDespiteTransientFailuresAndDuplicatePublishes(SagaStyle style)
    {
        Skip.IfNot(fixture.Broker.IsAvailable, fixture.Broker.Description);
        var options = new SagaOptions
        {
            TransientFailureProbability = 0.3,
            Retry = new Backoff(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(80)),
            StepTimeout = TimeSpan.FromSeconds(15),
        };
        await using var deployment = await RabbitSagaDeployment.StartAsync(fixture.Broker.ConnectionString, style, options: options,
            hostOptions: new RabbitHostOptions { DuplicatePublishProbability = 0.3, Seed = 7 });
        var expected = new SortedDictionary<OrderId, OrderOutcome>();
        foreach (var failure in Enum.GetValues<SagaFailure>())
            expected[await deployment.PlaceOrderAsync(SagaScenarios.OrderThat(failure))] = SagaScenarios.Expected(failure);

        var settled = await deployment.WaitUntilSettledAsync(Settle);
        // Every extra copy published must have reached its consumer and been recognised (bounded wait).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (Sum(deployment, s => s.Duplicates) < Sum(deployment, s => s.DuplicatesPublished) && DateTime.UtcNow < deadline) await Task.Delay(25);
        var audit = deployment.Audit(requireComplete: settled);
        output.WriteLine(audit.Describe());
        foreach (var (endpoint, host) in deployment.Hosts) output.WriteLine($"{endpoint}: {host.Stats}");

        Assert.True(settled, $"{style} did not settle in {Settle.TotalSeconds} s\n{audit.Describe()}\n{string.Join("\n", deployment.Log.TakeLast(30))}");
        Assert.True(audit.Ok, audit.Describe());
        Assert.Equal(expected, new SortedDictionary<OrderId, OrderOutcome>(audit.Orders.ToDictionary(o => o.Order, o => o.Outcome)));
        Assert.True(Sum(deployment, s => s.DuplicatesPublished) > 0, "no duplicate was published: the test tested nothing");
        Assert.Equal(Sum(deployment, s => s.DuplicatesPublished), Sum(deployment, s => s.Duplicates));
        Assert.True(Sum(deployment, s => s.TransientFailures) > 0 && Sum(deployment, s => s.Redeliveries) > 0, "no transient failure was retried");
        Assert.Empty(await deployment.DrainDeadLettersAsync());
    }

    [SkippableTheory]
    [InlineData(DeliveryStage.Received)]
    [InlineData(DeliveryStage.Committed)]
    [InlineData(DeliveryStage.Published)]
    public async Task AConsumerThatDiesBeforeItsAckGetsTheMessageRedeliveredAndItIsHandledOnce(DeliveryStage stage)
    {
        Skip.IfNot(fixture.Broker.IsAvailable, fixture.Broker.Description);
        var fired = 0;
        var hostOptions = new RabbitHostOptions
        {
            DieAt = (endpoint, message, at) => endpoint == SagaEndpoints.Payments && message is ReservePayment && at == stage
                                               && Interlocked.Exchange(ref fired, 1) == 0,
        };
        // The orchestrator's step timeout (3 s by default) must not fire while Payments is down and restarting: this test is about
        // redelivery, and under a loaded CI machine a restart can take longer than that (the order would be compensated instead).
        var options = new SagaOptions { StepTimeout = TimeSpan.FromSeconds(60) };
        await using var deployment = await RabbitSagaDeployment.StartAsync(fixture.Broker.ConnectionString, SagaStyle.Orchestrated, options: options, hostOptions: hostOptions);
        var dying = deployment.Hosts[SagaEndpoints.Payments];
        var order = await deployment.PlaceOrderAsync(SagaScenarios.OrderThat(SagaFailure.None));
        await dying.Died.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(stage == DeliveryStage.Received ? 0 : 1, dying.Stats.Processed);

        await deployment.StopServiceAsync(SagaEndpoints.Payments);  // the process is gone: the broker requeues its unacked delivery
        await deployment.StartServiceAsync(SagaEndpoints.Payments);
        var revived = deployment.Hosts[SagaEndpoints.Payments];
        Assert.True(await deployment.WaitUntilSettledAsync(Settle), string.Join("\n", deployment.Log.TakeLast(30)));

        var audit = deployment.Audit();
        output.WriteLine($"died at {stage}: before {dying.Stats}; after {revived.Stats}\n{audit.Describe()}");
        Assert.True(audit.Ok, audit.Describe());
        Assert.Equal(OrderOutcome.Completed, audit[order].Outcome);
        Assert.Equal(1_000 - 120, audit.Ledger.Balances["alice"]); // charged once
        Assert.Equal(1, revived.Stats.Redeliveries);
        Assert.Equal(1, dying.Stats.Processed + revived.Stats.Processed); // handled once in all
        Assert.Equal(stage == DeliveryStage.Received ? 0 : 1, revived.Stats.Duplicates);
        Assert.Single(deployment.ReadStorage(SagaEndpoints.Payments, EndpointRecord.Read)!.Processed);
    }

    [SkippableFact]
    public async Task PoisonMessagesGarbageMisroutedOrWithoutAnIdLandInTheDeadLetterQueueAndTheSagasGoOn()
    {
        Skip.IfNot(fixture.Broker.IsAvailable, fixture.Broker.Description);
        await using var deployment = await RabbitSagaDeployment.StartAsync(fixture.Broker.ConnectionString, SagaStyle.Choreographed);
        var paymentsQueue = deployment.Topology.QueueOf(SagaEndpoints.Payments);
        await deployment.PublishRawAsync(nameof(OrderCreated), "{ this is not json"u8.ToArray(), messageId: "garbage-1");
        var stray = new ShipmentScheduled(new OrderId(999)) { Id = "stray-1" };
        await deployment.PublishRawAsync(stray.Kind, SagaJson.Encode(stray), queue: paymentsQueue, messageId: stray.Id);
        var anonymous = SagaJson.Encode(new StockReleased(new OrderId(998), "no id anywhere"));
        await deployment.PublishRawAsync(nameof(StockReleased), anonymous);
        var order = await deployment.PlaceOrderAsync(SagaScenarios.OrderThat(SagaFailure.None));
        Assert.True(await deployment.WaitUntilSettledAsync(Settle), string.Join("\n", deployment.Log.TakeLast(30)));

        var letters = new List<DeadLetteredMessage>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (letters.Count < 3 && DateTime.UtcNow < deadline)
        {
            letters.AddRange(await deployment.DrainDeadLettersAsync());
            if (letters.Count < 3) await Task.Delay(25);
        }
        foreach (var letter in letters) output.WriteLine(letter.ToString());
        Assert.Equal([null, "garbage-1", "stray-1"], letters.Select(l => l.MessageId).Order());
        Assert.All(letters, l => Assert.Equal(("rejected", paymentsQueue), (l.Reason, l.FromQueue)));
        Assert.Equal(3, deployment.Hosts[SagaEndpoints.Payments].Stats.DeadLettered);

        var audit = deployment.Audit();
        Assert.Equal(OrderOutcome.Completed, audit[order].Outcome);
        var violation = Assert.Single(audit.Violations); // the misrouted message is also kept in the service's own dead letters
        Assert.StartsWith("dead letter: ShipmentScheduled order-999 #stray-1", violation);
        Assert.Equal("endpoint", Assert.Throws<ArgumentException>(() => deployment.ReadStorage("billing", EndpointRecord.Read)).ParamName);
    }

    private static long Sum(RabbitSagaDeployment deployment, Func<RabbitHostStats, long> counter) => deployment.Hosts.Values.Sum(h => counter(h.Stats));
}

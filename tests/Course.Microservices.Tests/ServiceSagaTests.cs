using Course.Distributed.Messaging;
using Course.Distributed.Transactions.Sagas;
using Course.Microservices.Sagas;
using Xunit.Abstractions;

namespace Course.Microservices.Tests;

/// <summary>The order saga as separate services over a real RabbitMQ, each with its own SQLite file, both styles.</summary>
[Collection(BrokerCollection.Name)]
public sealed class ServiceSagaTests(BrokerFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    [SkippableTheory]
    [InlineData(SagaStyle.Orchestrated)]
    [InlineData(SagaStyle.Choreographed)]
    public async Task EveryOrderEndsOnceAndFailuresIncludingADeclinedPaymentAreCompensated(SagaStyle style)
    {
        Skip.IfNot(fixture.Broker.IsAvailable, fixture.Broker.Description);
        var dir = Directory.CreateTempSubdirectory("course-ms-saga-").FullName;
        try
        {
            await using var saga = await ServiceSaga.StartAsync(fixture.Broker.ConnectionString, style, dir,
                hostOptions: new RabbitHostOptions { DuplicatePublishProbability = 0.3, Seed = 11 });
            await using var tap = await saga.TapAsync();
            var expected = new SortedDictionary<OrderId, OrderOutcome>();
            foreach (var failure in Enum.GetValues<SagaFailure>())
                expected[await saga.PlaceOrderAsync(SagaScenarios.OrderThat(failure))] = SagaScenarios.Expected(failure);

            var settled = await saga.WaitUntilSettledAsync(Settle);
            var audit = saga.Audit(requireComplete: settled);
            output.WriteLine(audit.Describe());
            Assert.True(settled, $"{style} did not settle\n{string.Join("\n", saga.Log.TakeLast(30))}");
            Assert.True(audit.Ok, audit.Describe());
            Assert.Equal(expected, new SortedDictionary<OrderId, OrderOutcome>(audit.Orders.ToDictionary(o => o.Order, o => o.Outcome)));
            var declined = audit[expected.Keys.ElementAt((int)SagaFailure.InsufficientFunds)];
            Assert.Equal(OrderOutcome.Compensated, declined.Outcome);
            Assert.True(saga.Endpoints.Sum(e => saga.Host(e).Stats.DuplicatesPublished) > 0, "no duplicate was published: nothing tested the idempotent consumers");
            Assert.All(saga.Endpoints, e => Assert.True(File.Exists(saga.DatabaseOf(e)), $"{e} has no SQLite file"));
            // The tap saw the saga's first message and its style: commands from the orchestrator, or events only.
            var seen = tap.Messages;
            Assert.Equal(("PlaceOrder", "client"), (seen[0].Kind, seen[0].From));
            Assert.Equal(style == SagaStyle.Orchestrated, seen.Any(m => m.From == SagaEndpoints.Orchestrator));
            Assert.All(seen.Where(m => m.Kind == "PaymentDeclined"), m => Assert.Equal(SagaEndpoints.Payments, m.From));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [SkippableTheory]
    [InlineData(SagaStyle.Orchestrated, DeliveryStage.Committed)]
    [InlineData(SagaStyle.Orchestrated, DeliveryStage.Published)]
    [InlineData(SagaStyle.Choreographed, DeliveryStage.Published)]
    public async Task APaymentsCrashBeforeItsAckIsRedeliveredAndNeitherLosesNorDuplicatesTheOrder(SagaStyle style, DeliveryStage stage)
    {
        Skip.IfNot(fixture.Broker.IsAvailable, fixture.Broker.Description);
        var dir = Directory.CreateTempSubdirectory("course-ms-saga-").FullName;
        var fired = 0;
        var hostOptions = new RabbitHostOptions
        {
            DieAt = (endpoint, message, at) => endpoint == SagaEndpoints.Payments && message is ReservePayment or OrderCreated && at == stage
                                               && Interlocked.Exchange(ref fired, 1) == 0,
        };
        try
        {
            // A step timeout longer than a restart on a loaded machine: the test is about redelivery, not about giving up.
            var options = new SagaOptions { StepTimeout = TimeSpan.FromSeconds(60) };
            await using var saga = await ServiceSaga.StartAsync(fixture.Broker.ConnectionString, style, dir, options: options, hostOptions: hostOptions);
            var order = await saga.PlaceOrderAsync(SagaScenarios.OrderThat(SagaFailure.None));
            await saga.Host(SagaEndpoints.Payments).Died.WaitAsync(TimeSpan.FromSeconds(15));

            await saga.StopServiceAsync(SagaEndpoints.Payments); // the process is gone; its SQLite file stays
            await saga.StartServiceAsync(SagaEndpoints.Payments); // a new process on the same file
            Assert.True(await saga.WaitUntilSettledAsync(Settle), string.Join("\n", saga.Log.TakeLast(30)));
            var payments = saga.Host(SagaEndpoints.Payments).Stats;
            // Settling does not wait for the redelivery when the crash came after the publish: wait for it (bounded).
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (payments.Duplicates == 0 && DateTime.UtcNow < deadline) await Task.Delay(25);
            output.WriteLine($"payments after restart: {payments}");
            var audit = saga.Audit();
            Assert.True(audit.Ok, audit.Describe());
            Assert.Equal([order], audit.Orders.Select(o => o.Order));
            Assert.Equal(OrderOutcome.Completed, audit[order].Outcome);
            // The redelivered message was recognised from the SQLite record (committed before the crash), not handled again.
            Assert.Equal(1, payments.Duplicates);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task BadArgumentsFailBeforeAnyConnection()
    {
        Assert.Equal("connectionString", (await Assert.ThrowsAnyAsync<ArgumentException>(() => ServiceSaga.StartAsync("http://x/", SagaStyle.Orchestrated, "/tmp"))).ParamName);
        Assert.Equal("style", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ServiceSaga.StartAsync("amqp://127.0.0.1:1/", (SagaStyle)7, "/tmp"))).ParamName);
        Assert.Contains("does not exist", (await Assert.ThrowsAsync<ArgumentException>(() => ServiceSaga.StartAsync("amqp://127.0.0.1:1/", SagaStyle.Orchestrated, "/no/such/dir"))).Message);
    }

    [Fact]
    public void TheSqliteStorageKeepsWhatWasCommittedAcrossReopening()
    {
        var dir = Directory.CreateTempSubdirectory("course-ms-store-").FullName;
        try
        {
            var path = Path.Combine(dir, "s.db");
            using (var first = new SqliteDurableStorage(path))
            {
                first.Write("a", [1, 2, 3]);
                first.Write("a", [4]);
                first.Write("b", [5, 6]);
                first.Delete("b");
                Assert.Equal(3, first.Transactions);
            }
            using var reopened = new SqliteDurableStorage(path);
            Assert.Equal([4], reopened.Read("a"));
            Assert.Null(reopened.Read("b"));
            Assert.Equal(1, reopened.SizeOf("a"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

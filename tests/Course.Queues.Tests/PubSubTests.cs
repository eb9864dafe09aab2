using Course.Queues.Rabbit;
using RabbitMQ.Client;

namespace Course.Queues.Tests;

[Collection(BrokerCollection.Name)]
public sealed class PubSubTests(BrokerFixture fixture)
{
    [SkippableFact]
    public async Task A_fanout_exchange_gives_every_subscriber_every_message()
    {
        await using var broker = await fixture.ConnectAsync();
        var exchange = await broker.DeclareExchangeAsync("order-events", ExchangeType.Fanout);
        var subscribers = new[] { "email", "analytics", "warehouse" };
        var queues = new List<string>();
        foreach (var s in subscribers) queues.Add(await broker.SubscribeAsync(exchange, s, [""]));

        await using (var publisher = await ConfirmingPublisher.CreateAsync(broker))
            foreach (var e in new[] { "placed", "paid", "shipped" })
                Assert.Equal(PublishOutcome.Acked, await publisher.PublishAsync(exchange, "ignored-by-fanout", e));

        foreach (var queue in queues)
            Assert.Equal(["placed", "paid", "shipped"], (await broker.DrainAsync(queue)).Select(m => m.Text));
    }

    [SkippableFact]
    public async Task A_topic_exchange_routes_by_pattern_exactly_as_computed_by_hand()
    {
        await using var broker = await fixture.ConnectAsync();
        var exchange = await broker.DeclareExchangeAsync("events", ExchangeType.Topic);
        var euOrders = await broker.SubscribeAsync(exchange, "eu-orders", ["orders.eu.*"]);      // * = exactly one word
        var allOrders = await broker.SubscribeAsync(exchange, "all-orders", ["orders.#"]);       // # = zero or more words
        var usCreated = await broker.SubscribeAsync(exchange, "us-created", ["*.us.created"]);
        string[] keys = ["orders.eu.created", "orders.us.created", "orders.eu.cancelled", "payments.us.created", "orders", "payments.eu.created"];

        var outcomes = new List<PublishOutcome>();
        await using (var publisher = await ConfirmingPublisher.CreateAsync(broker))
            foreach (var key in keys) outcomes.Add(await publisher.PublishAsync(exchange, key, key));

        Assert.Equal(["orders.eu.created", "orders.eu.cancelled"], (await broker.DrainAsync(euOrders)).Select(m => m.Text));
        Assert.Equal(["orders.eu.created", "orders.us.created", "orders.eu.cancelled", "orders"], (await broker.DrainAsync(allOrders)).Select(m => m.Text));
        Assert.Equal(["orders.us.created", "payments.us.created"], (await broker.DrainAsync(usCreated)).Select(m => m.Text));
        // Only payments.eu.created matched no binding: mandatory, so it came back to the publisher.
        Assert.Equal(PublishOutcome.Returned, outcomes[5]);
        Assert.Equal(5, outcomes.Count(o => o == PublishOutcome.Acked));
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Course.Distributed.Messaging;
using Course.Distributed.Transactions.Sagas;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Course.Microservices.Sagas;

/// <summary>One message seen on the saga exchange: when, what, from which service, to which services (the routes).</summary>
public sealed record TappedMessage(TimeSpan At, string Kind, string From, IReadOnlyList<string> To, string MessageId);

/// <summary>
/// A wire tap (Hohpe &amp; Woolf): a private queue bound to the saga exchange with '#', so it receives a copy of every
/// message published, in broker order, without taking anything from the services. Who sent a message is the prefix of
/// its id (each endpoint stamps "endpoint-sequence"); who receives it is the routing table. Dispose to remove the queue.
/// </summary>
public sealed class SagaTap : IAsyncDisposable
{
    private readonly ConcurrentQueue<TappedMessage> _seen = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private SagaTap(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public IReadOnlyList<TappedMessage> Messages => _seen.ToArray();

    public static async Task<SagaTap> StartAsync(string connectionString, RabbitTopology topology, SagaRoutes routes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(routes);
        var connection = await RabbitEndpointHost.Factory(connectionString, "saga tap").CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var tap = new SagaTap(connection, channel);
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken).ConfigureAwait(false)).QueueName;
        await channel.QueueBindAsync(queue, topology.Exchange, "#", cancellationToken: cancellationToken).ConfigureAwait(false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var id = delivery.BasicProperties.MessageId ?? "";
            var dash = id.LastIndexOf('-');
            tap._seen.Enqueue(new TappedMessage(tap._clock.Elapsed, delivery.RoutingKey, dash > 0 ? id[..dash] : "?", routes.For(delivery.RoutingKey), id));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer, cancellationToken).ConfigureAwait(false);
        return tap;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _channel.CloseAsync().ConfigureAwait(false);
            await _connection.CloseAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException) { } // the broker may be gone first; the queue was auto-delete
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}

using System.Text.Json;
using Course.Distributed.Messaging;
using Course.Observability.Tracing;
using RabbitMQ.Client;

namespace Course.Microservices.Orders;

/// <summary>What Orders announces after an order is confirmed (an event: a fact, in the past tense).</summary>
public sealed record OrderPlaced(string OrderId, string Customer, string Sku, int Quantity, long Amount);

/// <summary>
/// Publishes <see cref="OrderPlaced"/> to a topic exchange on RabbitMQ, with the current trace context in the message
/// headers (<see cref="MessageTracing"/>): HTTP and gRPC carry <c>traceparent</c> for free, a queue only if we put it there.
/// Publisher confirms: the call returns once the broker has the message.
/// </summary>
public sealed class OrderEvents : IAsyncDisposable
{
    public const string Exchange = "course.orders.events";
    public const string PlacedRoutingKey = "order.placed";
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly SemaphoreSlim _gate = new(1, 1);   // a channel is not safe for concurrent publishes

    private OrderEvents(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<OrderEvents> ConnectAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var connection = await RabbitEndpointHost.Factory(connectionString, "orders events").CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new OrderEvents(connection, channel);
    }

    public async Task PublishAsync(OrderPlaced placed, CancellationToken cancellationToken = default)
    {
        var headers = new Dictionary<string, object?>();
        using var span = MessageTracing.StartPublish(Exchange, headers);
        var properties = new BasicProperties { MessageId = placed.OrderId, Type = PlacedRoutingKey, Headers = headers, ContentType = "application/json" };
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _channel.BasicPublishAsync(Exchange, PlacedRoutingKey, mandatory: false, properties, JsonSerializer.SerializeToUtf8Bytes(placed), cancellationToken)
                .ConfigureAwait(false);
        }
        finally { _gate.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}

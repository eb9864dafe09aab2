using System.Collections.Concurrent;
using System.Text.Json;
using Course.Distributed.Messaging;
using Course.Microservices.Orders;
using Course.Observability;
using Course.Observability.Tracing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Course.Microservices.Shipping;

/// <summary>
/// A service with no HTTP API at all: it reacts to <see cref="OrderPlaced"/> events from its own queue (bound to the
/// orders exchange), continues the order's trace from the message headers, logs, and acknowledges. Choreography's
/// simplest shape — Orders does not know Shipping exists.
/// </summary>
public sealed class ShippingConsumer : IAsyncDisposable
{
    public const string ServiceName = "shipping";
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly ILogger _log;
    private readonly ConcurrentQueue<OrderPlaced> _shipped = new();

    private ShippingConsumer(IConnection connection, IChannel channel, ILogger log)
    {
        _connection = connection;
        _channel = channel;
        _log = log;
    }

    /// <summary>Orders shipped so far, in the order they arrived.</summary>
    public IReadOnlyCollection<OrderPlaced> Shipped => _shipped;

    public static async Task<ShippingConsumer> StartAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var connection = await RabbitEndpointHost.Factory(connectionString, "shipping").CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(OrderEvents.Exchange, ExchangeType.Topic, durable: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        var queue = (await channel.QueueDeclareAsync($"shipping-{Guid.NewGuid():N}"[..20], durable: false, exclusive: true, autoDelete: true,
            cancellationToken: cancellationToken).ConfigureAwait(false)).QueueName;
        await channel.QueueBindAsync(queue, OrderEvents.Exchange, OrderEvents.PlacedRoutingKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        var log = (TelemetryLab.Current?.Logs.ProviderFor(ServiceName) ?? NullLoggerProvider.Instance).CreateLogger("Course.Shipping");
        var shipping = new ShippingConsumer(connection, channel, log);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += shipping.OnReceivedAsync;
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
        return shipping;
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        var headers = delivery.BasicProperties.Headers?.AsReadOnly();
        using (var span = MessageTracing.StartProcess(OrderEvents.Exchange, headers, ServiceName))
        {
            var placed = JsonSerializer.Deserialize<OrderPlaced>(delivery.Body.Span);
            if (placed is not null)
            {
                _log.LogInformation("Shipping order {OrderId}: {Quantity} x {Sku} to {Customer}", placed.OrderId, placed.Quantity, placed.Sku, placed.Customer);
                _shipped.Enqueue(placed);
            }
            else
            {
                _log.LogWarning("Dropped an empty order event {MessageId}", delivery.BasicProperties.MessageId);
            }
        }
        await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false).ConfigureAwait(false);
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> orders have been shipped.</summary>
    public async Task<bool> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_shipped.Count < count && DateTime.UtcNow < deadline) await Task.Delay(20).ConfigureAwait(false);
        return _shipped.Count >= count;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}

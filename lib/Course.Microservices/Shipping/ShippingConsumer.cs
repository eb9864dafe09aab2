using System.Collections.Concurrent;
using System.Text.Json;
using Course.Distributed.Messaging;
using Course.Microservices.Hosting;
using Course.Microservices.Orders;
using Course.Observability;
using Course.Observability.Metrics;
using Course.Observability.Tracing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Course.Simulation;

namespace Course.Microservices.Shipping;

/// <summary>
/// A service with no business API at all: it reacts to <see cref="OrderPlaced"/> events from its own queue (bound to the
/// orders exchange), continues the order's trace from the message headers, logs, and acknowledges. Choreography's
/// simplest shape — Orders does not know Shipping exists.
/// <para>Like every worker in production it still listens on HTTP, for operations only: <c>/metrics</c> reports its queue's
/// depth and its consumer lag (<see cref="QueueMetrics"/>) next to the RED metrics, and <c>/healthz</c>.
/// <see cref="Pause"/> stops it working (deliveries wait, unacknowledged) so a notebook can watch a backlog build up.</para>
/// </summary>
public sealed class ShippingConsumer : IAsyncDisposable
{
    public const string ServiceName = "shipping";

    /// <summary>Deliveries the broker hands out before the first is acknowledged (basic.qos prefetch).</summary>
    public const ushort Prefetch = 5;

    private static readonly TimeSpan DepthPollInterval = TimeSpan.FromMilliseconds(500);
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly IChannel _probe;
    private readonly ILogger _log;
    private readonly ConcurrentQueue<OrderPlaced> _shipped = new();
    private readonly SemaphoreSlim _acks = new(1, 1);   // handlers run concurrently; frames on one channel go one at a time
    private TaskCompletionSource _running = Running();
    private long _delivered;
    private long _finished;

    private ShippingConsumer(IConnection connection, IChannel channel, IChannel probe, string queue, ILogger log)
    {
        _connection = connection;
        _channel = channel;
        _probe = probe;
        Queue = queue;
        _log = log;
    }

    /// <summary>Orders shipped so far, in the order they arrived.</summary>
    public IReadOnlyCollection<OrderPlaced> Shipped => _shipped;

    /// <summary>The queue this consumer reads (exclusive to it, bound to the orders exchange).</summary>
    public string Queue { get; }

    /// <summary>The operations endpoint (<c>/metrics</c>, <c>/healthz</c>), when started with one.</summary>
    public ServiceHost? Host { get; private set; }

    /// <summary>The broker's ready count for <see cref="Queue"/>, polled in the background; null until the first poll.</summary>
    public long? Depth => _depth?.Latest;
    private PolledValue? _depth;

    /// <summary>Events received from the broker but not yet acknowledged (the prefetched and the one being handled).</summary>
    public long InFlight => Interlocked.Read(ref _delivered) - Interlocked.Read(ref _finished);

    /// <summary>Consumer lag: everything published to this consumer and not yet handled — waiting in the queue plus in flight.</summary>
    public long? Lag => Depth is { } depth ? depth + InFlight : null;

    public bool IsPaused => !_running.Task.IsCompleted;

    /// <summary>Starts consuming. With <paramref name="operations"/> it also serves <c>/metrics</c> and <c>/healthz</c>.</summary>
    public static async Task<ShippingConsumer> StartAsync(string connectionString, ServiceHostOptions? operations = null, CancellationToken cancellationToken = default)
    {
        var connection = await RabbitEndpointHost.Factory(connectionString, "shipping").CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        ShippingConsumer? shipping = null;
        try
        {
            // Dispatch as many deliveries at once as the broker may have outstanding, so every unacknowledged delivery is
            // in a handler (and counted in InFlight), none waiting invisibly in the client's buffer.
            var channel = await connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: Prefetch),
                cancellationToken).ConfigureAwait(false);
            await channel.ExchangeDeclareAsync(OrderEvents.Exchange, ExchangeType.Topic, durable: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            var queue = (await channel.QueueDeclareAsync($"shipping-{Guid.NewGuid():N}"[..20], durable: false, exclusive: true, autoDelete: true,
                cancellationToken: cancellationToken).ConfigureAwait(false)).QueueName;
            await channel.QueueBindAsync(queue, OrderEvents.Exchange, OrderEvents.PlacedRoutingKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.BasicQosAsync(0, Prefetch, global: false, cancellationToken).ConfigureAwait(false);
            // A second channel for the depth probe: the consuming channel may be busy (or paused) inside a handler.
            var probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var log = (TelemetryLab.Current?.Logs.ProviderFor(ServiceName) ?? NullLoggerProvider.Instance).CreateLogger("Course.Shipping");
            shipping = new ShippingConsumer(connection, channel, probe, queue, log);
            shipping._depth = new PolledValue(async token => (long)await probe.MessageCountAsync(queue, token).ConfigureAwait(false), DepthPollInterval);
            if (operations is not null) await shipping.StartOperationsAsync(operations, cancellationToken).ConfigureAwait(false);

            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += shipping.OnReceivedAsync;
            await channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
            return shipping;
        }
        catch
        {
            if (shipping is not null) await shipping.DisposeAsync().ConfigureAwait(false);
            else await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartOperationsAsync(ServiceHostOptions options, CancellationToken cancellationToken)
    {
        Host = await ServiceHost.StartAsync(options, _ => { }, app =>
        {
            var metrics = app.Services.GetRequiredService<QueueMetrics>();
            // The registrations live as long as the host's meters: disposing the host ends both.
            metrics.ObserveDepth(Queue, () => Depth);
            metrics.ObserveLag(ServiceName, () => Lag);
            app.MapGet("/healthz", () => _connection.IsOpen ? Results.Text("ok") : Results.Text("broker connection lost", statusCode: 503));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops handling events: new deliveries wait unacknowledged (up to <see cref="Prefetch"/>), the rest queue up.</summary>
    public void Pause()
    {
        if (!IsPaused) Interlocked.Exchange(ref _running, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    /// <summary>Handles the backlog and goes on.</summary>
    public void Resume() => _running.TrySetResult();

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        Interlocked.Increment(ref _delivered);
        try
        {
            await _running.Task.ConfigureAwait(false);
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
            await _acks.WaitAsync().ConfigureAwait(false);
            try { await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false).ConfigureAwait(false); }
            finally { _acks.Release(); }
        }
        finally { Interlocked.Increment(ref _finished); }
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> orders have been shipped.</summary>
    public Task<bool> WaitForAsync(int count, TimeSpan timeout) => Eventually.TrueAsync(() => _shipped.Count >= count, timeout);

    public async ValueTask DisposeAsync()
    {
        Resume();   // a paused handler must not hold the channel's dispatcher while it closes
        if (Host is not null) await Host.DisposeAsync().ConfigureAwait(false);
        if (_depth is not null) await _depth.DisposeAsync().ConfigureAwait(false);
        await _probe.DisposeAsync().ConfigureAwait(false);
        await _channel.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _acks.Dispose();
    }

    private static TaskCompletionSource Running()
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        running.SetResult();
        return running;
    }
}

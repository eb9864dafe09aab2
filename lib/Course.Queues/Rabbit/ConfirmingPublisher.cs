using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Course.Queues.Rabbit;

/// <summary>
/// Publishes with publisher confirms (RabbitMQ's extension to AMQP 0-9-1): the broker acks a message once it has
/// taken responsibility for it (routed and, for durable queues, written), and nacks it when it cannot — e.g. a full
/// queue with x-overflow=reject-publish. Mandatory: a message that no queue takes is returned, not silently dropped.
/// Without confirms a publish "succeeds" as soon as the bytes leave the socket, and a broker crash loses it unseen.
/// </summary>
public sealed class ConfirmingPublisher : IAsyncDisposable
{
    private readonly IChannel _channel;
    private readonly TimeSpan _timeout;
    private long _acked;
    private long _nacked;
    private long _returned;

    private ConfirmingPublisher(IChannel channel, TimeSpan timeout)
    {
        _channel = channel;
        _timeout = timeout;
    }

    public static async Task<ConfirmingPublisher> CreateAsync(RabbitBroker broker, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var channel = await broker.Connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
        return new ConfirmingPublisher(channel, broker.OperationTimeout);
    }

    public long Acked => Interlocked.Read(ref _acked);
    public long Nacked => Interlocked.Read(ref _nacked);

    /// <summary>Unroutable: no queue was bound for the routing key.</summary>
    public long Returned => Interlocked.Read(ref _returned);

    /// <summary>Publishes and waits for the broker's confirm. Returns how the broker answered.</summary>
    public async Task<PublishOutcome> PublishAsync(string exchange, string routingKey, string text, string? messageId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(routingKey);
        ArgumentNullException.ThrowIfNull(text);
        var properties = new BasicProperties { MessageId = messageId, DeliveryMode = DeliveryModes.Persistent, ContentType = "text/plain" };
        try
        {
            await _channel.BasicPublishAsync(exchange, routingKey, mandatory: true, properties, Encoding.UTF8.GetBytes(text), cancellationToken)
                .AsTask().WaitAsync(_timeout, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _acked);
            return PublishOutcome.Acked;
        }
        catch (PublishException e) when (e.IsReturn)
        {
            Interlocked.Increment(ref _returned);
            return PublishOutcome.Returned;
        }
        catch (PublishException)
        {
            Interlocked.Increment(ref _nacked);
            return PublishOutcome.Nacked;
        }
    }

    /// <summary>Publishes straight into <paramref name="queue"/> (the default exchange routes by queue name).</summary>
    public Task<PublishOutcome> SendAsync(string queue, string text, string? messageId = null, CancellationToken cancellationToken = default) =>
        PublishAsync("", queue, text, messageId, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try { await _channel.CloseAsync().WaitAsync(_timeout).ConfigureAwait(false); }
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or TimeoutException) { }
        await _channel.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>The broker's answer to one publish.</summary>
public enum PublishOutcome
{
    /// <summary>Taken: the broker is responsible for it now.</summary>
    Acked,
    /// <summary>Refused (e.g. the queue is full and rejects publishes): the publisher still owns it — retry or report.</summary>
    Nacked,
    /// <summary>Mandatory and unroutable: no queue is bound for its routing key.</summary>
    Returned,
}

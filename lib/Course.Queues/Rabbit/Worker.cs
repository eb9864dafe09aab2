using System.Text;
using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Course.Queues.Rabbit;

/// <summary>
/// A competing consumer of a work queue, on its own connection (so it can die alone). Manual acks: a message is
/// acknowledged only after the handler finished, so if the worker dies first the broker redelivers the message to
/// another worker (at-least-once). Prefetch bounds how many unacknowledged messages the broker pushes to it at a
/// time — the consumer's back-pressure: a slow worker holds at most <see cref="WorkerOptions.Prefetch"/> messages,
/// the rest wait in the queue for the others. Deliveries are buffered and handled one at a time, in order.
/// </summary>
public sealed class Worker : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly WorkerOptions _options;
    private readonly Func<string, string, Task<Verdict>> _handle;
    private readonly DeliveryTimeline _timeline;
    private readonly Channel<BasicDeliverEventArgs> _buffer = Channel.CreateUnbounded<BasicDeliverEventArgs>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _died = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;
    private int _deliveries;
    private int _inFlight;
    private int _maxInFlight;
    private volatile bool _dead;
    private int _disposed;

    private Worker(string name, IConnection connection, IChannel channel, WorkerOptions options, Func<string, string, Task<Verdict>> handle, DeliveryTimeline timeline)
    {
        Name = name;
        _connection = connection;
        _channel = channel;
        _options = options;
        _handle = handle;
        _timeline = timeline;
    }

    public string Name { get; }

    /// <summary>The most messages this worker held unacknowledged at once (never more than the prefetch).</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int Deliveries => Volatile.Read(ref _deliveries);
    public bool IsDead => _dead;

    /// <summary>Completes when the worker dies at its <see cref="WorkerOptions.DieOnDelivery"/>.</summary>
    public Task Died => _died.Task;

    /// <summary>
    /// Starts consuming <paramref name="queue"/>. <paramref name="handle"/> gets (message id, text) and says what to
    /// do with the message; it runs before the ack.
    /// </summary>
    public static async Task<Worker> StartAsync(RabbitBroker broker, string queue, string name, Func<string, string, Task<Verdict>> handle,
        DeliveryTimeline timeline, WorkerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentNullException.ThrowIfNull(timeline);
        options ??= new WorkerOptions();
        var connection = await broker.OpenConnectionAsync($"worker {name}", cancellationToken).ConfigureAwait(false);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.BasicQosAsync(0, options.Prefetch, global: false, cancellationToken).ConfigureAwait(false);
        var worker = new Worker(name, connection, channel, options, handle, timeline);
        worker._loop = Task.Run(worker.HandleLoopAsync, CancellationToken.None);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => worker.OnDeliveryAsync(delivery);
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
        return worker;
    }

    /// <summary>The broker pushed a message: count it as held, and queue it for the handler.</summary>
    private Task OnDeliveryAsync(BasicDeliverEventArgs delivery)
    {
        if (_dead) return Task.CompletedTask;
        var held = Interlocked.Increment(ref _inFlight);
        int seen;
        while (held > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, held, seen) != seen) { }
        // The body's memory belongs to the client library after this callback returns: copy it.
        var copy = new BasicDeliverEventArgs(delivery.ConsumerTag, delivery.DeliveryTag, delivery.Redelivered, delivery.Exchange,
            delivery.RoutingKey, delivery.BasicProperties, delivery.Body.ToArray());
        _buffer.Writer.TryWrite(copy);
        return Task.CompletedTask;
    }

    private async Task HandleLoopAsync()
    {
        try
        {
            await foreach (var delivery in _buffer.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                if (_dead) return;
                await HandleAsync(delivery).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested) { }
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or TimeoutException)
        {
            // The connection went away: whatever is unacknowledged goes back to the queue.
        }
    }

    private async Task HandleAsync(BasicDeliverEventArgs delivery)
    {
        var id = delivery.BasicProperties.MessageId ?? $"tag-{delivery.DeliveryTag}";
        var text = Encoding.UTF8.GetString(delivery.Body.Span);
        _timeline.Record(Name, id, delivery.Redelivered ? DeliveryStep.Redelivered : DeliveryStep.Received);
        var n = Interlocked.Increment(ref _deliveries);
        if (_options.DieOnDelivery == n && !_options.DieAfterProcessing) { await DieAsync(id).ConfigureAwait(false); return; }
        if (_options.ProcessingTime > TimeSpan.Zero) await Task.Delay(_options.ProcessingTime, _stopping.Token).ConfigureAwait(false);
        var verdict = await _handle(id, text).ConfigureAwait(false);
        if (_options.DieOnDelivery == n && _options.DieAfterProcessing) { await DieAsync(id).ConfigureAwait(false); return; }
        var token = _stopping.Token;
        Interlocked.Decrement(ref _inFlight);   // before the ack: the broker may push the next message the moment it sees it
        switch (verdict)
        {
            case Verdict.Ack:
                await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, token).ConfigureAwait(false);
                _timeline.Record(Name, id, DeliveryStep.Acked);
                break;
            case Verdict.Reject:
                await _channel.BasicRejectAsync(delivery.DeliveryTag, requeue: false, token).ConfigureAwait(false);
                _timeline.Record(Name, id, DeliveryStep.Rejected);
                break;
            case Verdict.Requeue:
                await _channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, token).ConfigureAwait(false);
                _timeline.Record(Name, id, DeliveryStep.Requeued);
                break;
            default:
                throw new InvalidOperationException($"Unknown verdict {verdict}.");
        }
    }

    /// <summary>A crash: the connection drops with this message (and whatever else is buffered) unacknowledged.</summary>
    private async Task DieAsync(string id)
    {
        _dead = true;
        _timeline.Record(Name, id, DeliveryStep.Died);
        await _connection.AbortAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        _died.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _buffer.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try { await _loop.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); }
        catch (TimeoutException) { }
        try
        {
            if (_connection.IsOpen) await _connection.CloseAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or TimeoutException) { }
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>What a worker's handler decides for a message.</summary>
public enum Verdict
{
    /// <summary>Done: the broker deletes it.</summary>
    Ack,
    /// <summary>Poison: never retry it; the queue dead-letters it.</summary>
    Reject,
    /// <summary>Failed for now: put it back for another delivery.</summary>
    Requeue,
}

/// <summary>A worker's prefetch, its pace, and where it dies (for the redelivery demonstrations).</summary>
public sealed record WorkerOptions
{
    private readonly ushort _prefetch = 1;
    private readonly TimeSpan _processingTime;
    private readonly int? _dieOnDelivery;

    /// <summary>Unacknowledged messages the broker may push to this worker at once (basic.qos), ≥ 1.</summary>
    public ushort Prefetch
    {
        get => _prefetch;
        init => _prefetch = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Prefetch), value, "Prefetch must be at least 1 (0 would mean unlimited).");
    }

    /// <summary>Simulated work per message.</summary>
    public TimeSpan ProcessingTime
    {
        get => _processingTime;
        init => _processingTime = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(ProcessingTime), value, "ProcessingTime must not be negative.");
    }

    /// <summary>The worker dies on its n-th delivery (1-based), before acknowledging it. Null: never.</summary>
    public int? DieOnDelivery
    {
        get => _dieOnDelivery;
        init => _dieOnDelivery = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(DieOnDelivery), value, "DieOnDelivery is 1-based.");
    }

    /// <summary>Die after the handler ran (its effect happened, the ack did not) instead of before it.</summary>
    public bool DieAfterProcessing { get; init; }
}

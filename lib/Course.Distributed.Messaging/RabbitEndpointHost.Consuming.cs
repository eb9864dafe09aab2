using System.Diagnostics;
using Course.Distributed.Transactions.Sagas;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Course.Distributed.Messaging;

public sealed partial class RabbitEndpointHost
{
    /// <summary>
    /// One delivery, start to ack, in a consumer span that continues the trace in its headers (a new trace when they carry
    /// none). Nothing here throws into the client library: failures leave the message unacked.
    /// </summary>
    private async Task OnDeliveryAsync(BasicDeliverEventArgs delivery)
    {
        if (_dead) return;
        Interlocked.Increment(ref _inFlight);
        using var span = SagaTracing.StartProcess(delivery.RoutingKey, delivery.Exchange, Endpoint, delivery.BasicProperties.Headers, out var incoming);
        Stats.Delivered(delivery.Redelivered);
        var token = _stopping.Token;
        try
        {
            SagaMessage message;
            try
            {
                message = SagaJson.Decode(delivery.Body.Span);
            }
            catch (InvalidDataException e)
            {
                Log($"poison (undecodable) {delivery.BasicProperties.MessageId ?? "?"}: {e.Message}");
                span?.SetStatus(ActivityStatusCode.Error, "undecodable");
                Stats.OnDeadLettered();
                await RejectAsync(delivery, token).ConfigureAwait(false);
                return;
            }
            if (string.IsNullOrEmpty(message.Id))
            {
                // Published by hand, not by an endpoint: the AMQP message id will do; without one, dedupe is impossible.
                if (delivery.BasicProperties.MessageId is not { Length: > 0 } id)
                {
                    Log($"poison (no message id) {message}");
                    span?.SetStatus(ActivityStatusCode.Error, "no message id");
                    Stats.OnDeadLettered();
                    await RejectAsync(delivery, token).ConfigureAwait(false);
                    return;
                }
                message = message with { Id = id };
            }
            SagaTracing.Describe(span, message);
            if (DieAt(message, DeliveryStage.Received)) return;

            var emittedIn = SagaTracing.Capture(span, incoming); // what this handling emits is published as this span's children
            DeliveryOutcome outcome;
            lock (_sync)
            {
                outcome = _endpoint.Deliver(message, _clock.Elapsed, _random);
                if (outcome.Status == DeliveryStatus.Processed) RememberEmittedIn(outcome.Emitted, emittedIn);
            }
            span?.SetTag("saga.delivery", outcome.Status.ToString());
            switch (outcome.Status)
            {
                case DeliveryStatus.Duplicate:
                    Stats.OnDuplicate();
                    await PublishOutboxAsync(token).ConfigureAwait(false); // what a predecessor committed and died before publishing
                    break;
                case DeliveryStatus.Poison:
                    Stats.OnDeadLettered();
                    Log($"poison {message}: {outcome.Reason}");
                    span?.SetStatus(ActivityStatusCode.Error, outcome.Reason);
                    await RejectAsync(delivery, token).ConfigureAwait(false);
                    return;
                case DeliveryStatus.Transient:
                    await RetryLaterAsync(delivery, message, outcome.Reason!, token).ConfigureAwait(false);
                    return;
                case DeliveryStatus.Processed:
                    Stats.OnProcessed();
                    if (DieAt(message, DeliveryStage.Committed)) return;
                    await PublishOutboxAsync(token).ConfigureAwait(false);
                    if (DieAt(message, DeliveryStage.Published)) return;
                    break;
            }
            await AckAsync(delivery, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or AlreadyClosedException or OperationInterruptedException or TimeoutException)
        {
            Log($"delivery {delivery.DeliveryTag} abandoned ({e.GetType().Name}); the broker will redeliver it");
            span?.SetStatus(ActivityStatusCode.Error, $"abandoned: {e.GetType().Name}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug here must not leave the delivery unacked: with prefetch 1 it would block the queue for good.
            Log($"delivery {delivery.DeliveryTag} failed ({e.GetType().Name}: {e.Message}); dead-lettered");
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            Stats.OnDeadLettered();
            try
            {
                await RejectAsync(delivery, CancellationToken.None).WaitAsync(_hostOptions.OperationTimeout).ConfigureAwait(false);
            }
            catch (Exception inner) when (inner is not OutOfMemoryException)
            {
                Log($"could not reject delivery {delivery.DeliveryTag}: {inner.GetType().Name}");
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Done with a delivery: the broker forgets it (counted towards <see cref="IsIdle"/>).</summary>
    private async Task AckAsync(BasicDeliverEventArgs delivery, CancellationToken token)
    {
        await _consume.BasicAckAsync(delivery.DeliveryTag, multiple: false, token).ConfigureAwait(false);
        Interlocked.Increment(ref _finished);
    }

    /// <summary>Done with a delivery: the broker dead-letters it (counted towards <see cref="IsIdle"/>).</summary>
    private async Task RejectAsync(BasicDeliverEventArgs delivery, CancellationToken token)
    {
        await _consume.BasicRejectAsync(delivery.DeliveryTag, requeue: false, token).ConfigureAwait(false);
        Interlocked.Increment(ref _finished);
    }

    /// <summary>
    /// A transient failure: wait a backoff with jitter, then nack with requeue, so the broker delivers it again
    /// (flagged redelivered). After <see cref="SagaOptions.MaxDeliveryAttempts"/> it is rejected to the dead-letter queue.
    /// </summary>
    private async Task RetryLaterAsync(BasicDeliverEventArgs delivery, SagaMessage message, string reason, CancellationToken token)
    {
        Stats.OnTransient();
        int attempt;
        TimeSpan delay;
        lock (_sync)
        {
            attempt = _attempts[message.Id] = _attempts.GetValueOrDefault(message.Id) + 1;
            if (attempt >= _options.MaxDeliveryAttempts)
            {
                _endpoint.DeadLetter(message, $"{reason}, {attempt} attempts");
                delay = TimeSpan.Zero;
            }
            else delay = _options.Retry.Delay(attempt - 1, _random);
        }
        if (attempt >= _options.MaxDeliveryAttempts)
        {
            Stats.OnDeadLettered();
            await RejectAsync(delivery, token).ConfigureAwait(false);
            return;
        }
        Log($"{message}: {reason}; redelivery {attempt} after {delay.TotalMilliseconds:F0} ms");
        await Task.Delay(delay, token).ConfigureAwait(false);
        await _consume.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, token).ConfigureAwait(false);
    }

    /// <summary>
    /// Publishes every committed outgoing message, each confirmed by the broker before it leaves the outbox
    /// (publisher confirms; mandatory, so a message no queue takes is refused rather than lost), each in a producer
    /// span that is a child of the context it was emitted in. One publisher at a time; what fails stays in the outbox
    /// for the next try.
    /// </summary>
    private async Task PublishOutboxAsync(CancellationToken token)
    {
        if (!await _publishing.WaitAsync(_hostOptions.OperationTimeout, token).ConfigureAwait(false)) return;
        try
        {
            SagaMessage[] pending;
            lock (_sync) pending = [.. _endpoint.Outbox];
            foreach (var message in pending)
            {
                if (_dead) return;
                bool twice;
                lock (_sync) twice = _hostOptions.DuplicatePublishProbability > 0 && _random.NextDouble() < _hostOptions.DuplicatePublishProbability;
                await PublishAsync(message, twice ? 2 : 1, token).ConfigureAwait(false);
                Stats.OnPublished();
                if (twice) Stats.OnDuplicatePublished();
                lock (_sync)
                {
                    _endpoint.Confirm(message.Id);
                    ForgetEmittedIn(message);
                }
            }
        }
        catch (PublishException e)
        {
            Log($"publish refused by the broker (sequence {e.PublishSequenceNumber}, returned {e.IsReturn}); kept in the outbox");
        }
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or TimeoutException)
        {
            Log($"publish failed ({e.GetType().Name}); kept in the outbox");
        }
        finally
        {
            _publishing.Release();
        }
    }

    /// <summary>
    /// One message (<paramref name="copies"/> times: injected duplicates), confirmed, in its producer span. A method of its
    /// own because the span changes <see cref="Activity.Current"/>, which must not leak into the caller's delivery span.
    /// </summary>
    private async Task PublishAsync(SagaMessage message, int copies, CancellationToken token)
    {
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal);
        Dictionary<string, string>? emittedIn;
        lock (_sync) emittedIn = EmittedIn(message);
        using var span = SagaTracing.StartPublish(message, _topology.Exchange, Endpoint, emittedIn, headers);
        var properties = new BasicProperties
        {
            MessageId = message.Id,
            Type = message.Kind,
            AppId = Endpoint,
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Headers = headers.Count > 0 ? headers : null,
        };
        var body = SagaJson.Encode(message);
        try
        {
            for (var copy = 0; copy < copies; copy++)
                await _publish.BasicPublishAsync(_topology.Exchange, message.Kind, mandatory: true, properties, body, token)
                    .AsTask().WaitAsync(_hostOptions.OperationTimeout, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    private bool DieAt(SagaMessage message, DeliveryStage stage)
    {
        if (_hostOptions.DieAt?.Invoke(Endpoint, message, stage) != true) return false;
        _dead = true;
        Log($"died at {stage} of {message} (not acknowledged)");
        _died.TrySetResult();
        return true;
    }
}

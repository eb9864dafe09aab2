using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Course.Queues.Rabbit;

/// <summary>
/// RabbitMQ on loopback, measured: persistent messages published with confirms (a window of
/// <c>window</c> publishes in flight, then wait for their confirms), then consumed with manual acks
/// (prefetch = window). Bounded in count and in time; the queue is deleted with the broker handle.
/// </summary>
public static class RabbitThroughput
{
    public static async Task<ThroughputResult> MeasureAsync(RabbitBroker broker, int messages, TimeSpan timeLimit, int window = 100, int bodyBytes = 256)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentOutOfRangeException.ThrowIfLessThan(messages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(bodyBytes, 0);
        if (timeLimit <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeLimit), timeLimit, "timeLimit must be positive.");
        var queue = await broker.DeclareQueueAsync(broker.Name($"throughput-{Guid.NewGuid():N}"[..20])).ConfigureAwait(false);
        var text = new string('x', bodyBytes);

        await using var publisher = await ConfirmingPublisher.CreateAsync(broker).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var published = 0;
        while (published < messages && clock.Elapsed < timeLimit)
        {
            var batch = Math.Min(window, messages - published);
            var confirms = Enumerable.Range(0, batch).Select(_ => publisher.SendAsync(queue, text)).ToArray();
            var outcomes = await Task.WhenAll(confirms).ConfigureAwait(false);
            if (outcomes.Any(o => o != PublishOutcome.Acked)) throw new InvalidOperationException($"the broker refused {outcomes.Count(o => o != PublishOutcome.Acked)} publishes");
            published += batch;
        }
        var publishSeconds = clock.Elapsed.TotalSeconds;

        await using var channel = await broker.Connection.CreateChannelAsync().ConfigureAwait(false);
        await channel.BasicQosAsync(0, (ushort)window, global: false).ConfigureAwait(false);
        var consumed = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false).ConfigureAwait(false);
            if (Interlocked.Increment(ref consumed) == published) all.TrySetResult();
        };
        clock.Restart();
        var tag = await channel.BasicConsumeAsync(queue, autoAck: false, consumer).ConfigureAwait(false);
        await Task.WhenAny(all.Task, Task.Delay(timeLimit)).ConfigureAwait(false);
        var consumeSeconds = clock.Elapsed.TotalSeconds;
        await channel.BasicCancelAsync(tag).ConfigureAwait(false);
        var got = Volatile.Read(ref consumed);
        return new ThroughputResult(published, published / publishSeconds, got, got / consumeSeconds, window, bodyBytes);
    }
}

/// <summary>Messages per second, publishing (confirmed) and consuming (acked).</summary>
public sealed record ThroughputResult(int Published, double PublishedPerSecond, int Consumed, double ConsumedPerSecond, int Window, int BodyBytes);

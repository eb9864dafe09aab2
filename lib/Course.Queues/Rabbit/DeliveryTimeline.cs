using System.Collections.Concurrent;
using System.Diagnostics;
using Course.Simulation;

namespace Course.Queues.Rabbit;

/// <summary>What happened to each message, when, at which worker: the redelivery timeline a notebook draws.</summary>
public sealed class DeliveryTimeline
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<DeliveryEvent> _events = new();

    public void Record(string worker, string messageId, DeliveryStep step) =>
        _events.Enqueue(new DeliveryEvent(_clock.Elapsed.TotalMilliseconds, worker, messageId, step));

    /// <summary>Every event so far, in time order.</summary>
    public IReadOnlyList<DeliveryEvent> Events => _events.OrderBy(e => e.AtMs).ToList();

    public int Count(DeliveryStep step) => _events.Count(e => e.Step == step);

    /// <summary>Polls <paramref name="condition"/> every 20 ms; throws <see cref="TimeoutException"/> (with the log so far) if it is not met in time.</summary>
    public async Task WaitUntilAsync(Func<DeliveryTimeline, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (!await Eventually.TrueAsync(() => condition(this), timeout, cancellationToken: cancellationToken).ConfigureAwait(false))
            throw new TimeoutException($"condition not met within {timeout.TotalSeconds:0.#} s; deliveries so far:\n{string.Join("\n", Events)}");
    }

    /// <summary>The ids of messages that reached <paramref name="step"/>, each once.</summary>
    public IReadOnlySet<string> MessagesAt(DeliveryStep step) => _events.Where(e => e.Step == step).Select(e => e.MessageId).ToHashSet();
}

/// <summary>One step in a message's life at a worker, <see cref="AtMs"/> milliseconds after the timeline started.</summary>
public sealed record DeliveryEvent(double AtMs, string Worker, string MessageId, DeliveryStep Step)
{
    public override string ToString() => $"{AtMs,8:0.0} ms  {Worker,-10} {MessageId,-10} {Step}";
}

public enum DeliveryStep
{
    /// <summary>Delivered for the first time.</summary>
    Received,
    /// <summary>Delivered again (the broker's redelivered flag): an earlier delivery was never acknowledged.</summary>
    Redelivered,
    /// <summary>The handler ran (the side effect happened).</summary>
    Processed,
    /// <summary>The handler recognised a message it had already processed (idempotent consumer) and skipped the effect.</summary>
    Duplicate,
    Acked,
    /// <summary>Rejected without requeue: off to the dead-letter queue.</summary>
    Rejected,
    /// <summary>Nacked with requeue: back to the queue for another try.</summary>
    Requeued,
    /// <summary>The worker died holding this message, before acknowledging it.</summary>
    Died,
}

using System.Collections.Concurrent;

namespace Course.Queues.Rabbit;

/// <summary>
/// The e-commerce hands-on: checkout publishes each order to a durable work queue (with publisher confirms, so an
/// order the broker did not take is known at checkout), and fulfilment workers compete for them. One worker dies
/// mid-order — after fulfilling it, before acknowledging it — so the broker redelivers that order to another worker:
/// at-least-once delivery. Fulfilment is idempotent (keyed by order id, as a unique constraint in the orders table
/// would be), so the redelivered order is recognised and not shipped twice.
/// </summary>
public static class Checkout
{
    public static async Task<CheckoutResult> RunAsync(RabbitBroker broker, CheckoutOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(broker);
        options ??= new CheckoutOptions();
        var queue = await broker.DeclareWorkQueueAsync("orders", cancellationToken: cancellationToken).ConfigureAwait(false);
        var timeline = new DeliveryTimeline();
        var fulfilled = new ConcurrentDictionary<string, string>();   // order id → worker that shipped it
        var workers = new List<Worker>();
        try
        {
            for (var w = 0; w < options.Workers; w++)
            {
                var name = $"worker-{w + 1}";
                var workerOptions = new WorkerOptions
                {
                    Prefetch = 1,
                    ProcessingTime = options.ProcessingTime,
                    DieOnDelivery = w == 0 ? options.FirstWorkerDiesOnDelivery : null,
                    DieAfterProcessing = true,
                };
                workers.Add(await Worker.StartAsync(broker, queue.Name, name, (id, _) =>
                {
                    timeline.Record(name, id, fulfilled.TryAdd(id, name) ? DeliveryStep.Processed : DeliveryStep.Duplicate);
                    return Task.FromResult(Verdict.Ack);
                }, timeline, workerOptions, cancellationToken).ConfigureAwait(false));
            }

            await using var checkout = await ConfirmingPublisher.CreateAsync(broker, cancellationToken).ConfigureAwait(false);
            for (var i = 1; i <= options.Orders; i++)
            {
                var outcome = await checkout.SendAsync(queue.Name, $"{{\"order\":{i},\"total\":{i * 7 % 50 + 10}.00}}", $"order-{i}", cancellationToken).ConfigureAwait(false);
                if (outcome != PublishOutcome.Acked) throw new InvalidOperationException($"order-{i} was not taken by the broker: {outcome}");
            }

            await timeline.WaitUntilAsync(t => t.MessagesAt(DeliveryStep.Acked).Count >= options.Orders, options.Timeout, cancellationToken).ConfigureAwait(false);
            return new CheckoutResult(options.Orders, fulfilled.Count, timeline.Count(DeliveryStep.Redelivered),
                timeline.Count(DeliveryStep.Duplicate), timeline.MessagesAt(DeliveryStep.Acked).Count,
                fulfilled.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.Count()), timeline.Events);
        }
        finally
        {
            foreach (var worker in workers) await worker.DisposeAsync().ConfigureAwait(false);
        }
    }
}

public sealed record CheckoutOptions
{
    private readonly int _orders = 12;
    private readonly int _workers = 3;

    public int Orders { get => _orders; init => _orders = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Orders), value, "Orders must be at least 1."); }
    public int Workers { get => _workers; init => _workers = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Workers), value, "Workers must be at least 1."); }
    public TimeSpan ProcessingTime { get; init; } = TimeSpan.FromMilliseconds(15);

    /// <summary>Worker 1 dies on this delivery (after fulfilling, before acking). Null: nobody dies.</summary>
    public int? FirstWorkerDiesOnDelivery { get; init; } = 2;

    /// <summary>How long to wait for every order to be acknowledged (then a <see cref="TimeoutException"/> with the delivery log).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>How the checkout went: every order placed should be fulfilled exactly once, duplicates caught.</summary>
public sealed record CheckoutResult(int Placed, int Fulfilled, int Redeliveries, int DuplicatesCaught, int Acknowledged,
    IReadOnlyDictionary<string, int> FulfilledByWorker, IReadOnlyList<DeliveryEvent> Timeline);

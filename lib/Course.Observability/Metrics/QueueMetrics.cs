using System.Diagnostics.Metrics;

namespace Course.Observability;

/// <summary>
/// The two numbers that say whether a consumer keeps up: queue depth (messages waiting) and consumer lag (for a log
/// like Kafka: the newest offset minus the committed one). Observable gauges: read when metrics are collected.
/// </summary>
public sealed class QueueMetrics : IDisposable
{
    public const string MeterName = "Course.Messaging";
    private readonly Meter _meter;

    public QueueMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
    }

    /// <summary>Reports <c>messaging_queue_depth{queue=…}</c> from <paramref name="depth"/> at every collection.</summary>
    public void ObserveDepth(string queue, Func<long> depth) =>
        _meter.CreateObservableGauge("messaging.queue.depth", () => new Measurement<long>(depth(), new KeyValuePair<string, object?>("queue", queue)),
            unit: "{message}", description: "messages waiting in the queue");

    /// <summary>Reports <c>messaging_consumer_lag{group=…}</c> from <paramref name="lag"/> at every collection.</summary>
    public void ObserveLag(string group, Func<long> lag) =>
        _meter.CreateObservableGauge("messaging.consumer.lag", () => new Measurement<long>(lag(), new KeyValuePair<string, object?>("group", group)),
            unit: "{message}", description: "messages produced but not yet processed by the group");

    public void Dispose() => _meter.Dispose();
}

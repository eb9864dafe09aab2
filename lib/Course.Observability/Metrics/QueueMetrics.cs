using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Course.Observability.Metrics;

/// <summary>
/// The two numbers that say whether a consumer keeps up with its producers:
/// <list type="bullet">
/// <item><b>queue depth</b> — messages waiting in the broker, not yet delivered to anyone (RabbitMQ's "ready" count);</item>
/// <item><b>consumer lag</b> — messages produced but not yet finished by the consumer: depth plus what it holds unacknowledged
/// (RabbitMQ), or the newest offset minus the group's committed offset (Kafka).</item>
/// </list>
/// A depth that keeps growing means the consumers are too slow or gone — the queue is where back-pressure becomes visible,
/// long before a timeout does. Both are observable gauges: the sources are read each time metrics are collected (a scrape).
/// Like <see cref="RedMetrics"/>, the meter is named after the service (<see cref="MeterNameFor"/>): OpenTelemetry listens to
/// meters by name, and several services share a process in the course.
/// </summary>
public sealed class QueueMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly ConcurrentDictionary<string, Func<long?>> _depths = new();
    private readonly ConcurrentDictionary<string, Func<long?>> _lags = new();

    public QueueMetrics(string service)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        _meter = new Meter(MeterNameFor(service));
        // One instrument per metric, one series per queue or group: a second instrument with the same name would be a
        // duplicate the SDK drops with a warning.
        _meter.CreateObservableGauge("messaging.queue.depth", () => Read(_depths, "messaging.destination.name"),
            unit: "{message}", description: "Messages waiting in the queue, not yet delivered to a consumer.");
        _meter.CreateObservableGauge("messaging.consumer.lag", () => Read(_lags, "messaging.consumer.group.name"),
            unit: "{message}", description: "Messages produced but not yet processed by the consumer group.");
    }

    public static string MeterNameFor(string service) => $"Course.Messaging.{service}";

    /// <summary>Reports the depth of <paramref name="queue"/>; <paramref name="depth"/> returns null while it is unknown (no series then).</summary>
    public IDisposable ObserveDepth(string queue, Func<long?> depth) => Add(_depths, queue, depth);

    /// <summary>Reports the lag of consumer group <paramref name="group"/>; null while unknown.</summary>
    public IDisposable ObserveLag(string group, Func<long?> lag) => Add(_lags, group, lag);

    private static IDisposable Add(ConcurrentDictionary<string, Func<long?>> sources, string name, Func<long?> source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(source);
        if (!sources.TryAdd(name, source)) throw new InvalidOperationException($"'{name}' is already observed; dispose the first registration to replace it.");
        return new Registration(() => sources.TryRemove(name, out _));
    }

    private static IEnumerable<Measurement<long>> Read(ConcurrentDictionary<string, Func<long?>> sources, string label)
    {
        foreach (var (name, source) in sources)
        {
            long? value;
            try { value = source(); }
            catch (Exception) { value = null; }   // a failing probe loses its sample, never the whole scrape
            if (value is { } v) yield return new Measurement<long>(v, new KeyValuePair<string, object?>(label, name));
        }
    }

    public void Dispose() => _meter.Dispose();

    private sealed class Registration(Action remove) : IDisposable
    {
        private Action? _remove = remove;
        public void Dispose() => Interlocked.Exchange(ref _remove, null)?.Invoke();
    }
}

using System.Diagnostics.Metrics;
using Course.Observability.Metrics;

namespace Course.Observability.Tests;

/// <summary>Queue depth and consumer lag as observable gauges: one series per queue or group, read at collection time.</summary>
public sealed class QueueMetricsTests
{
    [Fact]
    public void Each_observed_queue_and_group_is_one_series_read_at_collection_time()
    {
        var service = $"svc-{Guid.NewGuid():N}";
        using var metrics = new QueueMetrics(service);
        long depth = 3;
        using var a = metrics.ObserveDepth("orders", () => depth);
        using var b = metrics.ObserveDepth("refunds", () => 0);
        using var lag = metrics.ObserveLag("shipping", () => depth + 5);

        Assert.Equal(new Dictionary<string, long> { ["messaging.queue.depth|orders"] = 3, ["messaging.queue.depth|refunds"] = 0, ["messaging.consumer.lag|shipping"] = 8 },
            Collect(service));
        depth = 10;
        Assert.Equal(10, Collect(service)["messaging.queue.depth|orders"]);
        Assert.Equal(15, Collect(service)["messaging.consumer.lag|shipping"]);
    }

    [Fact]
    public void An_unknown_or_failing_source_has_no_sample_and_does_not_spoil_the_others()
    {
        var service = $"svc-{Guid.NewGuid():N}";
        using var metrics = new QueueMetrics(service);
        using var unknown = metrics.ObserveDepth("not-polled-yet", () => null);
        using var failing = metrics.ObserveDepth("broker-gone", () => throw new IOException("connection reset"));
        using var fine = metrics.ObserveLag("billing", () => 2);

        Assert.Equal(new Dictionary<string, long> { ["messaging.consumer.lag|billing"] = 2 }, Collect(service));
    }

    [Fact]
    public void A_disposed_registration_removes_its_series_and_a_name_cannot_be_observed_twice()
    {
        var service = $"svc-{Guid.NewGuid():N}";
        using var metrics = new QueueMetrics(service);
        var first = metrics.ObserveDepth("orders", () => 1);
        var twice = Assert.Throws<InvalidOperationException>(() => metrics.ObserveDepth("orders", () => 2));
        Assert.Contains("already observed", twice.Message);
        first.Dispose();
        first.Dispose();   // idempotent
        Assert.Empty(Collect(service));
        using var second = metrics.ObserveDepth("orders", () => 2);
        Assert.Equal(2, Collect(service)["messaging.queue.depth|orders"]);
    }

    [Fact]
    public async Task A_polled_value_appears_after_the_first_read_and_disappears_when_reads_keep_failing()
    {
        var fail = 0;
        long reads = 0;
        await using var polled = new PolledValue(_ => Volatile.Read(ref fail) == 1
            ? Task.FromException<long>(new IOException("broker unreachable"))
            : Task.FromResult(Interlocked.Increment(ref reads)), TimeSpan.FromMilliseconds(100));
        Assert.True(SpinWait.SpinUntil(() => polled.Latest is >= 2, TimeSpan.FromSeconds(5)), "never polled twice");
        Volatile.Write(ref fail, 1);
        // Stale after three intervals without a successful read: reported as unknown, not as the last good value, with the
        // read's error kept. (Both are awaited together: on a loaded machine a late timer alone can make the value stale
        // before the first failing read has happened — seen in a full CI run.)
        Assert.True(SpinWait.SpinUntil(() => polled.Latest is null && polled.LastError is not null, TimeSpan.FromSeconds(5)), $"still {polled.Latest}");
        Assert.IsType<IOException>(polled.LastError);
        Volatile.Write(ref fail, 0);
        Assert.True(SpinWait.SpinUntil(() => polled.Latest is not null, TimeSpan.FromSeconds(5)), "did not recover");
        Assert.Null(polled.LastError);
    }

    // One collection through a MeterListener, as an exporter would do it: "instrument|queue-or-group" → value.
    private static Dictionary<string, long> Collect(string service)
    {
        var values = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == QueueMetrics.MeterNameFor(service)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            values[$"{instrument.Name}|{tags.ToArray().Single().Value}"] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }
}

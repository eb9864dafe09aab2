using System.Globalization;
using Course.Microservices.Orders;
using Course.Microservices.Shipping;
using Course.Observability.Metrics;

namespace Course.Microservices.Tests;

/// <summary>
/// Queue depth and consumer lag on the real broker: a paused Shipping holds <see cref="ShippingConsumer.Prefetch"/>
/// deliveries and leaves the rest in its queue; its /metrics says so, and a real Prometheus scrapes it over TLS.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class QueueMetricsTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [SkippableFact]
    public async Task A_paused_consumer_shows_its_backlog_as_queue_depth_and_lag_on_metrics_and_in_Prometheus()
    {
        Skip.If(!broker.Broker.IsAvailable, broker.Broker.Description);
        await using var system = await MicroserviceSystem.StartWithEventsAsync(broker.Broker.ConnectionString);
        var shipping = system.Shipping!;
        await using var prometheus = await PrometheusServer.StartAsync(TimeSpan.FromMilliseconds(500),
            new ScrapeTls(system.Authority.PublicRoot, system.Authority.IssueClient("prometheus")));
        Skip.If(!prometheus.IsAvailable, prometheus.Description);
        prometheus.SetTargets(ShippingConsumer.ServiceName, shipping.Host!.BaseAddress);

        shipping.Pause();
        const int events = 12;
        for (var i = 0; i < events; i++) await system.Events!.PublishAsync(new OrderPlaced($"ord-q{i}", "carol", "book", 1, 1_500));
        // The broker hands a consumer at most Prefetch unacknowledged deliveries; everything else waits in the queue.
        const int waiting = events - ShippingConsumer.Prefetch;
        Assert.True(await Course.Simulation.Eventually.TrueAsync(() => shipping.Depth == waiting && shipping.InFlight == ShippingConsumer.Prefetch, TimeSpan.FromSeconds(10)),
            $"depth {shipping.Depth}, in flight {shipping.InFlight}");
        Assert.Equal(events, shipping.Lag);
        Assert.Empty(shipping.Shipped);

        var exposition = await system.Client.GetStringAsync(new Uri(shipping.Host.BaseAddress, "metrics"));
        Assert.Equal(waiting, Sample(exposition, "messaging_queue_depth", $"messaging_destination_name=\"{shipping.Queue}\""));
        Assert.Equal(events, Sample(exposition, "messaging_consumer_lag", "messaging_consumer_group_name=\"shipping\""));

        var lag = await prometheus.Query.WaitForAsync("messaging_consumer_lag{service=\"shipping\"}", r => r.Count == 1 && r[0].Value == events,
            TimeSpan.FromSeconds(20));
        Assert.Equal(events, Assert.Single(lag).Value);
        var depth = await prometheus.Query.InstantAsync("messaging_queue_depth{service=\"shipping\"}");
        Assert.Equal((shipping.Queue, (double)waiting), (Assert.Single(depth).Label("messaging_destination_name"), depth[0].Value));

        // The dashboard's queue panels ask for these labels by name: each query returns shipping's series with its legend labels filled.
        foreach (var (expr, legend) in DashboardQueuePanels())
        {
            var series = Assert.Single(await prometheus.Query.InstantAsync(expr));
            Assert.All(System.Text.RegularExpressions.Regex.Matches(legend, @"\{\{(\w+)\}\}"), m => Assert.NotEqual("", series.Label(m.Groups[1].Value)));
        }

        // Working again: the backlog drains, every event is handled once, and the lag goes back to zero.
        shipping.Resume();
        Assert.True(await shipping.WaitForAsync(events, TimeSpan.FromSeconds(15)), $"shipped {shipping.Shipped.Count} of {events}");
        Assert.Equal(events, shipping.Shipped.Select(o => o.OrderId).Distinct().Count());
        Assert.True(await Course.Simulation.Eventually.TrueAsync(() => shipping.Lag == 0, TimeSpan.FromSeconds(10)), $"lag {shipping.Lag}");
        var drained = await prometheus.Query.WaitForAsync("messaging_consumer_lag{service=\"shipping\"}", r => r.Count == 1 && r[0].Value == 0,
            TimeSpan.FromSeconds(20));
        Assert.Equal(0, drained[0].Value);
    }

    private static IEnumerable<(string Expr, string Legend)> DashboardQueuePanels()
    {
        var folder = Course.Observability.Backends.ObservabilityContainers.RepositoryFolder("observability/grafana")
                     ?? throw new DirectoryNotFoundException("observability/grafana");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "dashboards", "course-red.json")));
        var panels = json.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => (t.GetProperty("expr").GetString()!, t.GetProperty("legendFormat").GetString()!))
            .Where(t => t.Item1.Contains("messaging_", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(2, panels.Count);
        return panels;
    }

    // The value of the one sample of metric whose label set contains the fragment (Prometheus text exposition format).
    private static double Sample(string exposition, string metric, string fragment)
    {
        var line = Assert.Single(exposition.Split('\n'), l => l.StartsWith(metric + "{", StringComparison.Ordinal) && l.Contains(fragment, StringComparison.Ordinal));
        return double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}

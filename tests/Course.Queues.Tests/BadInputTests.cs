using System.Net;
using System.Net.Sockets;
using Course.Queues.Rabbit;

namespace Course.Queues.Tests;

public sealed class BadInputTests
{
    [Fact]
    public async Task A_dead_broker_gives_a_clear_error_naming_the_address_instead_of_a_hang()
    {
        var port = FreePort();
        var task = RabbitBroker.ConnectAsync($"amqp://guest:guest@127.0.0.1:{port}/", connectTimeout: TimeSpan.FromSeconds(1));
        var e = await Assert.ThrowsAsync<BrokerUnavailableException>(() => task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains($"127.0.0.1:{port}", e.Message);
        Assert.Contains("did not accept a connection within 1 s", e.Message);
    }

    [Fact]
    public async Task Malformed_settings_are_refused_when_configured()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => RabbitBroker.ConnectAsync("http://127.0.0.1:5672/"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkerOptions { Prefetch = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkerOptions { DieOnDelivery = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkerOptions { ProcessingTime = TimeSpan.FromMilliseconds(-1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new CheckoutOptions { Orders = 0 });
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Kafka.OffsetCommits.RunAsync("127.0.0.1:9092", Kafka.CommitStrategy.AtLeastOnce, messages: 3, crashAt: 3));
    }

    [Fact]
    public void The_comparison_table_has_one_row_per_aspect_and_both_columns_filled()
    {
        var rows = QueueComparison.Rows;
        Assert.Equal(rows.Count, rows.Select(r => r.Aspect).Distinct().Count());
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.RabbitMq) || string.IsNullOrWhiteSpace(r.Kafka), r.Aspect));
        Assert.Contains(rows, r => r.Aspect == "ordering");
    }

    [Fact]
    public async Task Waiting_on_a_timeline_is_bounded_and_the_timeout_shows_the_deliveries_so_far()
    {
        var timeline = new DeliveryTimeline();
        timeline.Record("w", "m-1", DeliveryStep.Received);
        var e = await Assert.ThrowsAsync<TimeoutException>(() => timeline.WaitUntilAsync(t => t.Count(DeliveryStep.Acked) == 1, TimeSpan.FromMilliseconds(50)));
        Assert.Contains("m-1", e.Message);
        Assert.Contains("Received", e.Message);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

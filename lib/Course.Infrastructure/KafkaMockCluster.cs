using System.Text.RegularExpressions;
using Confluent.Kafka;

namespace Course.Infrastructure;

/// <summary>
/// librdkafka's built-in mock cluster (<c>test.mock.num.brokers=1</c>), the Kafka fallback where no broker can
/// run. It lives inside one client handle that the endpoint owns: disposing the endpoint ends the cluster.
/// Produce, consume and consumer groups work; the admin API does not, and an AdminClient on the owning handle
/// crashed the process (double free) — so none is ever created here.
/// </summary>
internal static partial class KafkaMockCluster
{
    public const string Label =
        "MOCK Kafka — librdkafka's in-process mock cluster (1 broker), NOT Apache Kafka: produce, consume and consumer groups work; "
        + "the admin API (create/describe topics) does not, topics are created on first use; lives until disposed";
    private static readonly TimeSpan AddressTimeout = TimeSpan.FromSeconds(10);

    public static async Task<ServiceEndpoint> StartAsync(CancellationToken cancellationToken)
    {
        var address = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var config = new ProducerConfig();
        config.Set("test.mock.num.brokers", "1");

        IProducer<Null, Null> owner;
        try
        {
            KafkaNativeLibrary.EnsureLoaded();
            // librdkafka announces the mock's address only in a log line.
            owner = new ProducerBuilder<Null, Null>(config)
                .SetLogHandler((_, message) =>
                {
                    var match = MockAddress().Match(message.Message);
                    if (match.Success) address.TrySetResult(match.Groups[1].Value);
                })
                .Build();
        }
        catch (Exception e) when (e is DllNotFoundException or KafkaException or InvalidOperationException or TypeInitializationException)
        {
            return ServiceEndpoint.Unavailable(CourseServices.Kafka,
                $"librdkafka (Confluent.Kafka's native library) could not start a mock cluster: {e.Message}");
        }

        string bootstrap;
        try
        {
            bootstrap = await address.Task.WaitAsync(AddressTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            owner.Dispose();
            if (e is OperationCanceledException) throw;
            return ServiceEndpoint.Unavailable(CourseServices.Kafka,
                $"librdkafka did not report a mock cluster address within {AddressTimeout.TotalSeconds:0} s");
        }

        var colon = bootstrap.LastIndexOf(':');
        return new ServiceEndpoint(CourseServices.Kafka, ServiceMode.Mock, bootstrap[..colon], int.Parse(bootstrap[(colon + 1)..]),
            $"{Label} (bootstrap {bootstrap})",
            () => { owner.Dispose(); return ValueTask.CompletedTask; });
    }

    [GeneratedRegex(@"replaced with (\S+:\d+)")]
    private static partial Regex MockAddress();
}

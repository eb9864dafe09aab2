using Course.Infrastructure.Local;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Testcontainers.Kafka;
using Testcontainers.RabbitMq;
using Testcontainers.Redis;

namespace Course.Infrastructure.Containers;

/// <summary>
/// Throwaway containers via Testcontainers, used only after <see cref="DockerProbe"/> saw an engine answer
/// (Testcontainers' own probe can hang). Testcontainers' reaper removes them if this process dies.
/// </summary>
internal static class ContainerServices
{
    private const int RedisPort = 6379;
    private const int AmqpPort = 5672;
    private const int KafkaPort = 9092;
    private const int ZooKeeperPort = 2181;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ZooKeeperReadyTimeout = TimeSpan.FromSeconds(30);

    public static Task<ServiceEndpoint> RedisAsync(CancellationToken cancellationToken) =>
        StartAsync(CourseServices.Redis, ContainerImages.Redis, new RedisBuilder(ContainerImages.Redis).Build(), RedisPort,
            connectionString: null, cancellationToken);

    public static Task<ServiceEndpoint> RabbitMqAsync(CancellationToken cancellationToken) =>
        // guest/guest everywhere, so notebooks connect the same way to a container and to a local node.
        StartAsync(CourseServices.RabbitMq, ContainerImages.RabbitMq,
            new RabbitMqBuilder(ContainerImages.RabbitMq).WithUsername("guest").WithPassword("guest").Build(), AmqpPort,
            connectionString: (host, port) => LocalRabbitMq.Uri(host, port), cancellationToken);

    public static Task<ServiceEndpoint> KafkaAsync(CancellationToken cancellationToken) =>
        StartAsync(CourseServices.Kafka, ContainerImages.Kafka, new KafkaBuilder(ContainerImages.Kafka).Build(), KafkaPort,
            connectionString: null, cancellationToken);

    public static async Task<ServiceEndpoint> ZooKeeperAsync(CancellationToken cancellationToken)
    {
        var container = new ContainerBuilder(ContainerImages.ZooKeeper)
            .WithPortBinding(ZooKeeperPort, assignRandomHostPort: true)
            .WithEnvironment("ZOO_4LW_COMMANDS_WHITELIST", "ruok,srvr,stat,mntr")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilInternalTcpPortIsAvailable(ZooKeeperPort))
            .Build();
        var endpoint = await StartAsync(CourseServices.ZooKeeper, ContainerImages.ZooKeeper, container, ZooKeeperPort,
            connectionString: null, cancellationToken).ConfigureAwait(false);

        // The port opens before the server serves; wait (bounded) until it serves, like the local server.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(ZooKeeperReadyTimeout);
        try
        {
            while (!await LocalZooKeeper.IsServingAsync(endpoint.Host, endpoint.Port, bound.Token).ConfigureAwait(false))
                await Task.Delay(200, bound.Token).ConfigureAwait(false);
            return endpoint;
        }
        catch (OperationCanceledException)
        {
            await endpoint.DisposeAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"the {ContainerImages.ZooKeeper} container did not start serving within {ZooKeeperReadyTimeout.TotalSeconds:0} s");
        }
    }

    private static async Task<ServiceEndpoint> StartAsync(string service, string image, IContainer container, int containerPort,
        Func<string, int, string>? connectionString, CancellationToken cancellationToken)
    {
        // Bounded too: a first pull of a large image takes a while, a wedged engine must not take forever.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(StartTimeout);
        try
        {
            await container.StartAsync(bound.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await container.DisposeAsync().ConfigureAwait(false);
            if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
                throw new TimeoutException($"the {image} container did not start within {StartTimeout.TotalMinutes:0} min (image pull included)", e);
            throw;
        }
        var host = container.Hostname;
        int port = container.GetMappedPublicPort(containerPort);
        return new ServiceEndpoint(service, ServiceMode.Testcontainers, host, port,
            $"container {image} ({container.Id[..Math.Min(12, container.Id.Length)]}) started with Testcontainers; removed when disposed",
            () => container.DisposeAsync())
        {
            ConnectionString = connectionString?.Invoke(host, port),
        };
    }
}

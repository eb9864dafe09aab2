using Course.Infrastructure.Containers;
using Course.Infrastructure.Local;
using Course.Infrastructure.Processes;

namespace Course.Infrastructure;

/// <summary>
/// One call per service returns a ready endpoint and says how it was obtained.
/// Order: environment variable → Testcontainers (Docker answered) → local OS server → (Kafka) mock → unavailable.
/// Dispose the endpoint to stop what was started; anything still running is stopped when this process exits.
/// </summary>
public static class CourseServices
{
    public const string Redis = "Redis";
    public const string ZooKeeper = "ZooKeeper";
    public const string RabbitMq = "RabbitMQ";
    public const string Kafka = "Kafka";

    /// <summary>The names <see cref="StartAsync"/> accepts (case-insensitive), in a sensible start order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["redis", "zookeeper", "rabbitmq", "kafka"];

    public static Task<ServiceEndpoint> RedisAsync(CancellationToken cancellationToken = default) =>
        ResolveAsync(Redis, "COURSE_REDIS", ContainerServices.RedisAsync, LocalRedis.StartAsync, fallback: null,
            LocalRedis.InstallHint, cancellationToken);

    public static Task<ServiceEndpoint> ZooKeeperAsync(CancellationToken cancellationToken = default) =>
        ResolveAsync(ZooKeeper, "COURSE_ZOOKEEPER", ContainerServices.ZooKeeperAsync, LocalZooKeeper.StartAsync, fallback: null,
            LocalZooKeeper.InstallHint, cancellationToken);

    public static Task<ServiceEndpoint> RabbitMqAsync(CancellationToken cancellationToken = default) =>
        ResolveAsync(RabbitMq, "COURSE_RABBITMQ", ContainerServices.RabbitMqAsync, LocalRabbitMq.StartAsync, fallback: null,
            LocalRabbitMq.InstallHint, cancellationToken);

    /// <summary>
    /// Kafka has no OS package here, so without Docker this is librdkafka's in-process MOCK cluster
    /// (<see cref="ServiceMode.Mock"/>): fine for producing, consuming and consumer groups; not Apache Kafka.
    /// </summary>
    public static Task<ServiceEndpoint> KafkaAsync(CancellationToken cancellationToken = default) =>
        ResolveAsync(Kafka, "COURSE_KAFKA", ContainerServices.KafkaAsync, local: null, KafkaMockCluster.StartAsync,
            "set COURSE_KAFKA=host:port to a broker, or install Docker so Testcontainers can run " + ContainerImages.Kafka,
            cancellationToken);

    /// <summary>Starts a service by name (redis, zookeeper, rabbitmq, kafka; case-insensitive).</summary>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public static Task<ServiceEndpoint> StartAsync(string name, CancellationToken cancellationToken = default) =>
        name.ToLowerInvariant() switch
        {
            "redis" => RedisAsync(cancellationToken),
            "zookeeper" => ZooKeeperAsync(cancellationToken),
            "rabbitmq" => RabbitMqAsync(cancellationToken),
            "kafka" => KafkaAsync(cancellationToken),
            _ => throw new ArgumentException($"unknown service '{name}'; expected one of: {string.Join(", ", Names)}", nameof(name)),
        };

    private static async Task<ServiceEndpoint> ResolveAsync(
        string service,
        string variable,
        Func<CancellationToken, Task<ServiceEndpoint>> container,
        Func<CancellationToken, Task<ServiceEndpoint>>? local,
        Func<CancellationToken, Task<ServiceEndpoint>>? fallback,
        string installHint,
        CancellationToken cancellationToken)
    {
        // 1. An explicit endpoint wins; a malformed one throws (FormatException) rather than being ignored.
        if (EndpointVariable.Read(variable) is var (host, port))
            return await FromVariableAsync(service, variable, host, port, cancellationToken).ConfigureAwait(false);

        var notes = new List<string>();

        // 2. A container, only when a Docker engine answered our bounded ping.
        var docker = await DockerProbe.CheckAsync(cancellationToken).ConfigureAwait(false);
        if (docker.IsAvailable)
        {
            try { return await container(cancellationToken).ConfigureAwait(false); }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                notes.Add($"Testcontainers failed: {e.GetType().Name}: {e.Message}");
            }
        }
        else notes.Add(docker.ToString());

        // 3. A local server from the OS packages; 4. an in-process stand-in (Kafka only).
        foreach (var start in new[] { local, fallback })
        {
            if (start is null) continue;
            ServiceEndpoint endpoint;
            try { endpoint = await start(cancellationToken).ConfigureAwait(false); }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
            {
                notes.Add($"{e.GetType().Name}: {e.Message}");   // e.g. no bash/setsid on this OS: report, don't crash the cell
                continue;
            }
            if (endpoint.IsAvailable) return endpoint;
            notes.Add(endpoint.Description);
        }

        return ServiceEndpoint.Unavailable(service,
            $"{service} is not available. {string.Join(" | ", notes)}. To fix: {installHint} (or set {variable}=host:port).");
    }

    private static async Task<ServiceEndpoint> FromVariableAsync(
        string service, string variable, string host, int port, CancellationToken cancellationToken)
    {
        // Checked (2 s) so that a stale variable gives a clear reason instead of a client timeout later.
        if (!await TcpProbe.AcceptsAsync(host, port, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false))
            return ServiceEndpoint.Unavailable(service,
                $"{variable}={host}:{port} is set, but nothing accepts connections there. Start that server, or unset {variable}.");
        return new ServiceEndpoint(service, ServiceMode.EnvironmentVariable, host, port,
            $"from {variable}={host}:{port} (not started or stopped by the course)")
        {
            ConnectionString = service == RabbitMq ? LocalRabbitMq.Uri(host, port) : null,   // guest/guest, RabbitMQ's default
        };
    }
}

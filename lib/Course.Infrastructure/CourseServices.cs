namespace Course.Infrastructure;

/// <summary>
/// One call per service returns a ready endpoint and says how it was obtained.
/// Order: environment variable → Testcontainers (Docker answered) → local OS server → (Kafka) mock → unavailable.
/// </summary>
public static class CourseServices
{
    public static Task<ServiceEndpoint> RedisAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("being written");

    public static Task<ServiceEndpoint> ZooKeeperAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(FromEnvironment("ZooKeeper", "COURSE_ZOOKEEPER")
            ?? ServiceEndpoint.Unavailable("ZooKeeper", "being written"));

    public static Task<ServiceEndpoint> RabbitMqAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("being written");

    public static Task<ServiceEndpoint> KafkaAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("being written");

    private static ServiceEndpoint? FromEnvironment(string service, string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value)) return null;
        var colon = value.LastIndexOf(':');
        return new ServiceEndpoint(service, ServiceMode.EnvironmentVariable, value[..colon], int.Parse(value[(colon + 1)..]), $"from {variable}");
    }
}

namespace Course.Infrastructure.Containers;

/// <summary>Pinned image tags: a course run next year should get the servers the notebooks were written against.</summary>
public static class ContainerImages
{
    public const string Redis = "redis:7.2";
    public const string RabbitMq = "rabbitmq:3.13-management";
    public const string Kafka = "confluentinc/cp-kafka:7.5.12";
    public const string ZooKeeper = "zookeeper:3.8";
}

using Course.Infrastructure;
using Course.Queues.Rabbit;
using Course.Tests.Shared;

namespace Course.Queues.Tests;

/// <summary>One RabbitMQ for the collection (a start costs ~6 s); each test declares its own prefixed queues.</summary>
public sealed class BrokerFixture : RabbitMqServer
{
    public Task<RabbitBroker> ConnectAsync()
    {
        SkipIfUnavailable();
        return RabbitBroker.ConnectAsync(Broker.ConnectionString);
    }
}

[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<BrokerFixture>
{
    public const string Name = "RabbitMQ";
}

/// <summary>One Kafka (the librdkafka MOCK here, labelled so) for the collection; each test uses its own topics and groups.</summary>
public sealed class KafkaFixture() : RunningServer(CourseServices.KafkaAsync, TimeSpan.FromSeconds(60))
{
    public ServiceEndpoint Kafka => Endpoint;

    public string Bootstrap
    {
        get
        {
            SkipIfUnavailable();
            return Kafka.Address;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<KafkaFixture>
{
    public const string Name = "Kafka";
}

using Course.Infrastructure;
using Course.Queues.Rabbit;

namespace Course.Queues.Tests;

/// <summary>One RabbitMQ for the collection (a start costs ~6 s); each test declares its own prefixed queues.</summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    public ServiceEndpoint Broker { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        Broker = await CourseServices.RabbitMqAsync(timeout.Token);
    }

    public async Task DisposeAsync() => await Broker.DisposeAsync();

    public Task<RabbitBroker> ConnectAsync()
    {
        Skip.If(!Broker.IsAvailable, Broker.Description);
        return RabbitBroker.ConnectAsync(Broker.ConnectionString);
    }
}

[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<BrokerFixture>
{
    public const string Name = "RabbitMQ";
}

/// <summary>One Kafka (the librdkafka MOCK here, labelled so) for the collection; each test uses its own topics and groups.</summary>
public sealed class KafkaFixture : IAsyncLifetime
{
    public ServiceEndpoint Kafka { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Kafka = await CourseServices.KafkaAsync(timeout.Token);
    }

    public async Task DisposeAsync() => await Kafka.DisposeAsync();

    public string Bootstrap
    {
        get
        {
            Skip.If(!Kafka.IsAvailable, Kafka.Description);
            return Kafka.Address;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<KafkaFixture>
{
    public const string Name = "Kafka";
}

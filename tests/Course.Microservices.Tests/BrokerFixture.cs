using Course.Infrastructure;

namespace Course.Microservices.Tests;

/// <summary>One RabbitMQ for the saga tests (a start costs ~6 s); each test declares its own prefixed topology.</summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    public ServiceEndpoint Broker { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        Broker = await CourseServices.RabbitMqAsync(timeout.Token);
    }

    public async Task DisposeAsync() => await Broker.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<BrokerFixture>
{
    public const string Name = "RabbitMQ broker";
}

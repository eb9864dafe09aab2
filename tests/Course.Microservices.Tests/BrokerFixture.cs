using Course.Tests.Shared;

namespace Course.Microservices.Tests;

/// <summary>One RabbitMQ for the saga tests; each test declares its own prefixed topology.</summary>
public sealed class BrokerFixture : RabbitMqServer;

[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<BrokerFixture>
{
    public const string Name = "RabbitMQ broker";
}

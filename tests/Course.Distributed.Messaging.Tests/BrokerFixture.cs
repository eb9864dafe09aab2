using Course.Tests.Shared;

namespace Course.Distributed.Messaging.Tests;

/// <summary>One RabbitMQ for every test of the collection; each test declares its own prefixed topology.</summary>
public sealed class BrokerFixture : RabbitMqServer;

[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<BrokerFixture>
{
    public const string Name = "RabbitMQ broker";
}

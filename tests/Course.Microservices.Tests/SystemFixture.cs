namespace Course.Microservices.Tests;

/// <summary>One running system (identity, catalog, payments, orders on loopback) for the tests of the collection.</summary>
public sealed class SystemFixture : IAsyncLifetime
{
    public MicroserviceSystem System { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        System = await MicroserviceSystem.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync() => await System.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "Microservice system";
}

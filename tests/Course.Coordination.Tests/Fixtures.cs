using Course.Infrastructure;
using Course.Infrastructure.ZooKeeper;

namespace Course.Coordination.Tests;

/// <summary>One real ZooKeeper server for every class in the "Coordination ZooKeeper" collection, stopped after the last one.</summary>
public sealed class ZooKeeperFixture : IAsyncLifetime
{
    /// <summary>Short, so that an aborted (crashed) session expires within the test's patience.</summary>
    public static readonly TimeSpan ShortSession = TimeSpan.FromSeconds(4);

    public ServiceEndpoint Endpoint { get; private set; } = null!;

    public async Task InitializeAsync() => Endpoint = await CourseServices.ZooKeeperAsync();

    public async Task DisposeAsync() => await Endpoint.DisposeAsync();

    public string RequireServer()
    {
        Skip.If(!Endpoint.IsAvailable, Endpoint.Description);
        return Endpoint.Address;
    }

    public Task<ZooKeeperClient> ConnectAsync(TimeSpan? sessionTimeout = null) =>
        ZooKeeperClient.ConnectAsync(RequireServer(), sessionTimeout ?? ShortSession);
}

[CollectionDefinition(Name)]
public sealed class ZooKeeperCollection : ICollectionFixture<ZooKeeperFixture>
{
    public const string Name = "Coordination ZooKeeper";
}

/// <summary>Clients a test opened and the root node it used: all closed and deleted on dispose, whatever the test did to them.</summary>
public sealed class ZooKeeperScope(ZooKeeperFixture fixture) : IAsyncDisposable
{
    private readonly List<ZooKeeperClient> _clients = [];

    public string Root { get; } = $"/coordination-test-{Guid.NewGuid():N}";

    public async Task<ZooKeeperClient> ConnectAsync()
    {
        var client = await fixture.ConnectAsync();
        lock (_clients) _clients.Add(client);
        return client;
    }

    public async Task<ZooKeeperClient[]> ConnectManyAsync(int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => ConnectAsync()));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
        if (!fixture.Endpoint.IsAvailable) return;
        await using var cleaner = await fixture.ConnectAsync();
        await cleaner.DeleteRecursiveAsync(Root);
    }
}

/// <summary>librdkafka's mock cluster (or a real broker) for one test class.</summary>
public sealed class KafkaFixture : IAsyncLifetime
{
    public ServiceEndpoint Endpoint { get; private set; } = null!;

    public async Task InitializeAsync() => Endpoint = await CourseServices.KafkaAsync();

    public async Task DisposeAsync() => await Endpoint.DisposeAsync();

    public string RequireServer()
    {
        Skip.If(!Endpoint.IsAvailable, Endpoint.Description);
        return Endpoint.Address;
    }
}

internal static class Eventually
{
    /// <summary>Polls every 50 ms until <paramref name="condition"/> holds; fails naming <paramref name="what"/> after <paramref name="seconds"/>.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"not within {seconds} s: {what}");
            await Task.Delay(50);
        }
    }
}

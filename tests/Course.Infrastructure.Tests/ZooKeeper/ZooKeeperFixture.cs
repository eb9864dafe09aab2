using Course.Infrastructure.ZooKeeper;

namespace Course.Infrastructure.Tests.ZooKeeper;

/// <summary>One ZooKeeper endpoint for every test class in the "ZooKeeper" collection, disposed after the last one.</summary>
public sealed class ZooKeeperFixture : IAsyncLifetime
{
    public ServiceEndpoint Endpoint { get; private set; } = null!;

    public async Task InitializeAsync() => Endpoint = await CourseServices.ZooKeeperAsync();

    public async Task DisposeAsync() => await Endpoint.DisposeAsync();

    /// <summary>Skips the calling test, with the endpoint's reason, when there is no server.</summary>
    public string RequireServer()
    {
        Skip.If(!Endpoint.IsAvailable, Endpoint.Description);
        return Endpoint.Address;
    }

    public Task<ZooKeeperClient> ConnectAsync(TimeSpan? sessionTimeout = null, Action<WatchedEvent>? watcher = null) =>
        ZooKeeperClient.ConnectAsync(RequireServer(), sessionTimeout, watcher);

    /// <summary>A connected client and a fresh root node (/test-guid) that is deleted, with everything below it, on dispose.</summary>
    public async Task<ZooKeeperTestScope> StartAsync(Action<WatchedEvent>? watcher = null)
    {
        var client = await ConnectAsync(watcher: watcher);
        var root = await client.CreateAsync($"/test-{Guid.NewGuid():N}", null);
        return new ZooKeeperTestScope(this, client, root);
    }
}

public sealed class ZooKeeperTestScope(ZooKeeperFixture fixture, ZooKeeperClient client, string root) : IAsyncDisposable
{
    public ZooKeeperClient Client { get; } = client;
    public string Root { get; } = root;

    public async ValueTask DisposeAsync()
    {
        // The test may have closed or aborted its client: clean up through a fresh one then.
        var cleaner = Client.IsConnected ? Client : await fixture.ConnectAsync();
        try
        {
            await cleaner.DeleteRecursiveAsync(Root);
        }
        finally
        {
            await cleaner.DisposeAsync();
            await Client.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ZooKeeperCollection : ICollectionFixture<ZooKeeperFixture>
{
    public const string Name = "ZooKeeper";
}

internal static class ZooKeeperEvents
{
    /// <summary>The next event, or a failure naming what was awaited if none comes within <paramref name="seconds"/>.</summary>
    public static async Task<WatchedEvent> NextAsync(this ZooKeeperClient client, string awaiting, double seconds = 5)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            return await client.Events.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"no watch event within {seconds} s while waiting for {awaiting}");
        }
    }

    /// <summary>
    /// Asserts nothing else was delivered. A round trip first: the server sends a notification before the reply to any
    /// later request, so after it every due event has been received; the short pause covers the hop to the event stream.
    /// </summary>
    public static async Task AssertNoMoreEventsAsync(this ZooKeeperClient client)
    {
        await client.ExistsAsync("/");
        await Task.Delay(200);
        Assert.False(client.Events.TryRead(out var extra), $"unexpected extra event: {extra}");
    }
}

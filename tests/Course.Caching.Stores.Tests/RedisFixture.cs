using Course.Infrastructure;

namespace Course.Caching.Stores.Tests;

/// <summary>One Redis for the collection; each test gets its own key prefix and its own SQLite file.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public ServiceEndpoint Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Redis = await CourseServices.RedisAsync(timeout.Token);
    }

    public async Task DisposeAsync() => await Redis.DisposeAsync();

    /// <summary>A cache under a fresh prefix and an empty database in a temp directory.</summary>
    public async Task<Stores> StoresAsync(TimeSpan queryDelay = default)
    {
        Skip.If(!Redis.IsAvailable, Redis.Description);
        var cache = await RedisCache.ConnectAsync(Redis.Address, $"test:{Guid.NewGuid():N}");
        return new Stores(cache, SqliteStore.CreateTemporary(queryDelay));
    }
}

public sealed record Stores(RedisCache Cache, SqliteStore Database) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await Cache.ClearAsync();
        await Cache.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "Redis";
}

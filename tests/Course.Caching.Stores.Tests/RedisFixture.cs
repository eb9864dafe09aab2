using Course.Infrastructure;
using Course.Tests.Shared;

namespace Course.Caching.Stores.Tests;

/// <summary>One Redis for the collection; each test gets its own key prefix and its own SQLite file.</summary>
public sealed class RedisFixture() : RunningServer(CourseServices.RedisAsync, TimeSpan.FromSeconds(60))
{
    public ServiceEndpoint Redis => Endpoint;

    /// <summary>A cache under a fresh prefix and an empty database in a temp directory.</summary>
    public async Task<Stores> StoresAsync(TimeSpan queryDelay = default)
    {
        SkipIfUnavailable();
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

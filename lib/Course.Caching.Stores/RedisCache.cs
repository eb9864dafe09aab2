using StackExchange.Redis;

namespace Course.Caching.Stores;

/// <summary>
/// The cache in front of the database: string values in Redis under a <see cref="Prefix"/> (so tests and cells
/// sharing one server never see each other's keys), with hit/miss counters. Connecting is bounded: a dead Redis
/// gives a clear <see cref="CacheUnavailableException"/> after <c>connectTimeout</c>, never a hang.
/// </summary>
public sealed class RedisCache : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _connection;
    private readonly IDatabase _db;
    private long _hits;
    private long _misses;

    private RedisCache(ConnectionMultiplexer connection, string prefix)
    {
        _connection = connection;
        _db = connection.GetDatabase();
        Prefix = prefix;
    }

    public string Prefix { get; }
    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>The raw database, for what the strategies do not wrap (scripts, TTL inspection).</summary>
    public IDatabase Database => _db;

    /// <summary>
    /// Connects to Redis at <paramref name="address"/> (host:port). <paramref name="connectTimeout"/> bounds the
    /// connect and every later command (default 2 s). <paramref name="prefix"/> namespaces the keys.
    /// </summary>
    /// <exception cref="CacheUnavailableException">Nothing answered in time.</exception>
    public static async Task<RedisCache> ConnectAsync(string address, string prefix, TimeSpan? connectTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var timeout = connectTimeout ?? TimeSpan.FromSeconds(2);
        if (timeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(connectTimeout), timeout, "connectTimeout must be positive.");
        var options = ConfigurationOptions.Parse(address);
        options.AbortOnConnectFail = true;   // fail the connect, not some later command
        options.ConnectRetry = 0;
        options.ConnectTimeout = (int)timeout.TotalMilliseconds;
        options.SyncTimeout = options.AsyncTimeout = (int)timeout.TotalMilliseconds;
        try
        {
            var connection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(timeout * 2).ConfigureAwait(false);
            return new RedisCache(connection, prefix.EndsWith(':') ? prefix : prefix + ":");
        }
        catch (Exception e) when (e is RedisConnectionException or TimeoutException)
        {
            throw new CacheUnavailableException(
                $"Redis at {address} did not accept a connection within {timeout.TotalSeconds:0.###} s ({e.GetType().Name}: {FirstLine(e.Message)}). "
                + "Is redis-server running there? In a notebook, CourseServices.RedisAsync() starts one.", e);
        }
    }

    public async Task<string?> GetAsync(string key)
    {
        var value = await _db.StringGetAsync(KeyOf(key)).ConfigureAwait(false);
        Interlocked.Increment(ref value.HasValue ? ref _hits : ref _misses);
        return value.HasValue ? (string?)value : null;
    }

    public Task SetAsync(string key, string value, TimeSpan? ttl)
    {
        ArgumentNullException.ThrowIfNull(value);
        return ttl is { } expiry ? _db.StringSetAsync(KeyOf(key), value, expiry) : _db.StringSetAsync(KeyOf(key), value);
    }

    public Task DeleteAsync(string key) => _db.KeyDeleteAsync(KeyOf(key));

    /// <summary>The cached value without touching the counters: what a test or a notebook inspects.</summary>
    public async Task<string?> PeekAsync(string key) => (string?)await _db.StringGetAsync(KeyOf(key)).ConfigureAwait(false);

    /// <summary>Remaining time to live of a key (null: missing or no expiry).</summary>
    public Task<TimeSpan?> TimeToLiveAsync(string key) => _db.KeyTimeToLiveAsync(KeyOf(key));

    public RedisKey KeyOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Prefix + key;
    }

    /// <summary>Deletes every key under <see cref="Prefix"/> (bounded: SCAN in pages, one server).</summary>
    public async Task ClearAsync()
    {
        foreach (var server in _connection.GetServers())
        {
            var keys = new List<RedisKey>();
            await foreach (var key in server.KeysAsync(pattern: Prefix + "*", pageSize: 500).ConfigureAwait(false)) keys.Add(key);
            if (keys.Count > 0) await _db.KeyDeleteAsync([.. keys]).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync().ConfigureAwait(false);

    public override string ToString() => $"Redis {_connection.Configuration} prefix {Prefix} ({Hits} hits, {Misses} misses)";

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}

/// <summary>The cache server could not be reached (thrown fast, with what to do about it).</summary>
public sealed class CacheUnavailableException(string message, Exception inner) : Exception(message, inner);

namespace Course.Caching.Stores.Strategies;

/// <summary>
/// How reads and writes travel between the application, the cache (Redis) and the database (SQLite).
/// Each implementation is one of the classic strategies; they differ in what the cache and the database hold
/// after each call, which is exactly what the tests check.
/// </summary>
public interface ICacheStrategy : IAsyncDisposable
{
    /// <summary>The strategy's name from the literature ("cache-aside", "write-behind", …).</summary>
    string Name { get; }

    /// <summary>The value for <paramref name="key"/>, or null when the database has none.</summary>
    Task<string?> ReadAsync(string key, CancellationToken cancellationToken = default);

    Task WriteAsync(string key, string value, CancellationToken cancellationToken = default);
}

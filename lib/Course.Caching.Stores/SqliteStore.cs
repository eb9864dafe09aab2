using Microsoft.Data.Sqlite;

namespace Course.Caching.Stores;

/// <summary>
/// The database behind the cache: one key/value table in a SQLite file (Microsoft.Data.Sqlite). It counts every
/// read and write, so a test or a notebook can say exactly how many queries a strategy sent. An optional
/// <see cref="QueryDelay"/> stands for a database across a network or an expensive query: embedded SQLite answers a
/// primary-key lookup in microseconds, faster than any network cache, and a cache only pays where the source is slow.
/// </summary>
public sealed class SqliteStore : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string? _ownedDirectory;
    private long _reads;
    private long _writes;

    static SqliteStore() => SqliteNativeLibrary.EnsureLoaded();   // before SqliteConnection's type initializer runs

    private SqliteStore(string path, string? ownedDirectory, TimeSpan queryDelay)
    {
        if (queryDelay < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(queryDelay), queryDelay, "queryDelay must not be negative.");
        Path = path;
        QueryDelay = queryDelay;
        _ownedDirectory = ownedDirectory;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();   // reopening the file per query would cost more than the query
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Added to every query: a stand-in for network and query time.</summary>
    public TimeSpan QueryDelay { get; }

    public long Reads => Interlocked.Read(ref _reads);
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>A store in a new temp directory, deleted on dispose.</summary>
    public static SqliteStore CreateTemporary(TimeSpan queryDelay = default)
    {
        var directory = Directory.CreateTempSubdirectory("course-sqlite-").FullName;
        return new SqliteStore(System.IO.Path.Combine(directory, "store.db"), directory, queryDelay);
    }

    /// <summary>A store in <paramref name="path"/> (created if missing; never deleted by this class).</summary>
    public static SqliteStore Open(string path, TimeSpan queryDelay = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new SqliteStore(path, null, queryDelay);
    }

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        Interlocked.Increment(ref _reads);
        await DelayAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM kv WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task PutAsync(string key, string value, CancellationToken cancellationToken = default) =>
        PutManyAsync([new KeyValuePair<string, string>(key, value)], cancellationToken);

    /// <summary>Writes all pairs in one transaction (one query's worth of latency): how write-behind flushes a batch.</summary>
    public async Task PutManyAsync(IReadOnlyCollection<KeyValuePair<string, string>> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        foreach (var (key, value) in pairs)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(pairs));
            ArgumentNullException.ThrowIfNull(value, nameof(pairs));
        }
        if (pairs.Count == 0) return;
        Interlocked.Increment(ref _writes);
        await DelayAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = Open();
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO kv (key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        var keyParameter = command.Parameters.Add("$key", SqliteType.Text);
        var valueParameter = command.Parameters.Add("$value", SqliteType.Text);
        foreach (var (key, value) in pairs)
        {
            keyParameter.Value = key;
            valueParameter.Value = value;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every row, read directly (not counted): what a test or a notebook inspects.</summary>
    public IReadOnlyDictionary<string, string> Snapshot()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM kv ORDER BY key";
        using var reader = command.ExecuteReader();
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read()) rows[reader.GetString(0)] = reader.GetString(1);
        return rows;
    }

    public ValueTask DisposeAsync()
    {
        using (var connection = new SqliteConnection(_connectionString)) SqliteConnection.ClearPool(connection);   // release the file
        if (_ownedDirectory is not null && Directory.Exists(_ownedDirectory))
            Directory.Delete(_ownedDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }

    public override string ToString() => $"SQLite {Path} ({Reads} reads, {Writes} writes, query delay {QueryDelay.TotalMilliseconds:0.#} ms)";

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=5000");   // concurrent writers wait (bounded) instead of failing
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private Task DelayAsync(CancellationToken cancellationToken) =>
        QueryDelay > TimeSpan.Zero ? Task.Delay(QueryDelay, cancellationToken) : Task.CompletedTask;
}

using Course.Microservices.Hosting;
using Course.Simulation;
using Microsoft.Data.Sqlite;

namespace Course.Microservices.Sagas;

/// <summary>
/// A saga service's database as a SQLite file. The saga endpoint commits the handler's state, the ids it has
/// processed (the idempotent consumer's memory) and its outbox as one record, and each <see cref="Write"/> is one
/// SQLite transaction: the business change and the events it causes are durable together or not at all (the
/// transactional outbox, Richardson ch. 3.3.7). The host's relay then publishes the outbox with publisher confirms
/// and only then forgets each message. The file outlives the process, so a restarted service resumes from it.
/// </summary>
public sealed class SqliteDurableStorage : IDurableStorage, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    public SqliteDurableStorage(string path)
    {
        Path = path;
        _connection = new ServiceDatabase(path, "CREATE TABLE IF NOT EXISTS durable (key TEXT PRIMARY KEY, value BLOB NOT NULL);").Open();
    }

    public string Path { get; }

    /// <summary>Transactions committed by this instance.</summary>
    public long Transactions { get; private set; }

    public byte[]? Read(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock) return ServiceDatabase.Command(_connection, null, "SELECT value FROM durable WHERE key = $k", ("$k", key)).ExecuteScalar() as byte[];
    }

    public void Write(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            ServiceDatabase.Command(_connection, transaction, "INSERT OR REPLACE INTO durable (key, value) VALUES ($k, $v)", ("$k", key), ("$v", value)).ExecuteNonQuery();
            transaction.Commit();
            Transactions++;
        }
    }

    public void Delete(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock) ServiceDatabase.Command(_connection, null, "DELETE FROM durable WHERE key = $k", ("$k", key)).ExecuteNonQuery();
    }

    public long SizeOf(string key) => Read(key)?.LongLength ?? 0;

    public void Dispose()
    {
        lock (_lock) _connection.Dispose();
    }
}

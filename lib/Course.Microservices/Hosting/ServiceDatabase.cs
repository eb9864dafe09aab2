using Microsoft.Data.Sqlite;

namespace Course.Microservices.Hosting;

/// <summary>
/// A service's own SQLite database file ("database per service", Richardson ch. 2): no other service reads it,
/// they ask the service. WAL journaling lets readers and the single writer proceed together.
/// </summary>
public sealed class ServiceDatabase
{
    public ServiceDatabase(string path, string schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        if (!Directory.Exists(directory)) throw new ArgumentException($"The database folder '{directory}' does not exist.", nameof(path));
        Path = path;
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;" + schema);
    }

    public string Path { get; }
    public string ConnectionString { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public static int Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        Command(connection, null, sql, parameters).ExecuteNonQuery();

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}

using System.Diagnostics.CodeAnalysis;

namespace Course.Infrastructure;

/// <summary>
/// A ready-to-use service (or the reason there is none). Disposing it stops whatever was started for it.
/// </summary>
public sealed class ServiceEndpoint : IAsyncDisposable, IDisposable
{
    private readonly Func<ValueTask>? _stop;
    private readonly string? _connectionString;
    private int _stopped;

    public ServiceEndpoint(string service, ServiceMode mode, string host, int port, string description, Func<ValueTask>? stop = null)
    {
        Service = service;
        Mode = mode;
        Host = host;
        Port = port;
        Description = description;
        _stop = stop;
    }

    /// <summary>Redis, ZooKeeper, Kafka or RabbitMQ.</summary>
    public string Service { get; }
    public ServiceMode Mode { get; }
    public string Host { get; }
    public int Port { get; }
    /// <summary>How it was obtained (or, when unavailable, what is missing and how to get it).</summary>
    public string Description { get; }

    public bool IsAvailable => Mode != ServiceMode.Unavailable;

    /// <summary>"host:port" — the form Redis, ZooKeeper and Kafka clients take.</summary>
    public string Address => $"{Host}:{Port}";

    /// <summary>
    /// What a client library takes to connect: <see cref="Address"/> for Redis, ZooKeeper and Kafka;
    /// an <c>amqp://guest:guest@host:port/</c> URI for RabbitMQ (usable as <c>ConnectionFactory.Uri</c>).
    /// Setting null means "same as Address".
    /// </summary>
    [AllowNull]
    public string ConnectionString
    {
        get => _connectionString ?? Address;
        init => _connectionString = value;
    }

    /// <summary>The temp data directory of a server started as a local process (deleted when it stops); otherwise null.</summary>
    public string? DataDirectory { get; init; }

    public static ServiceEndpoint Unavailable(string service, string reason) =>
        new(service, ServiceMode.Unavailable, "", 0, reason);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0 && _stop is not null)
            await _stop().ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public override string ToString() =>
        IsAvailable ? $"{Service} at {Address} ({Mode}): {Description}" : $"{Service} unavailable: {Description}";
}

using System.Text;
using Course.Distributed.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Course.Queues.Rabbit;

/// <summary>
/// One connection to RabbitMQ for a demo or a test, with every queue and exchange it declares named under a
/// unique <see cref="Prefix"/> and deleted on dispose — so runs sharing a broker never see each other's messages.
/// Connecting is bounded: a dead broker gives a clear <see cref="BrokerUnavailableException"/>, never a hang.
/// </summary>
public sealed class RabbitBroker : IAsyncDisposable
{
    private readonly List<string> _queues = [];
    private readonly List<string> _exchanges = [];

    private RabbitBroker(string connectionString, IConnection connection, IChannel channel, string prefix, TimeSpan timeout)
    {
        ConnectionString = connectionString;
        Connection = connection;
        Channel = channel;
        Prefix = prefix;
        OperationTimeout = timeout;
    }

    public string ConnectionString { get; }
    public IConnection Connection { get; }

    /// <summary>An administrative channel (declare, inspect, drain).</summary>
    public IChannel Channel { get; }
    public string Prefix { get; }
    public TimeSpan OperationTimeout { get; }

    /// <exception cref="BrokerUnavailableException">Nothing accepted the connection within <paramref name="connectTimeout"/> (default 5 s).</exception>
    public static async Task<RabbitBroker> ConnectAsync(string connectionString, string? prefix = null, TimeSpan? connectTimeout = null,
        CancellationToken cancellationToken = default)
    {
        var timeout = connectTimeout ?? TimeSpan.FromSeconds(5);
        if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(connectTimeout), timeout, "connectTimeout must be positive.");
        var connection = await OpenAsync(connectionString, "course queues", timeout, cancellationToken).ConfigureAwait(false);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return new RabbitBroker(connectionString, connection, channel, prefix ?? $"course.q.{Guid.NewGuid():N}"[..22], timeout);
    }

    /// <summary>
    /// A new connection (the factory of <see cref="RabbitEndpointHost"/>: no automatic recovery, a lost connection
    /// is a crash), bounded by <paramref name="timeout"/>.
    /// </summary>
    public static async Task<IConnection> OpenAsync(string connectionString, string clientName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var factory = RabbitEndpointHost.Factory(connectionString, clientName);
        factory.RequestedConnectionTimeout = timeout;
        try
        {
            return await factory.CreateConnectionAsync(cancellationToken).WaitAsync(timeout * 2, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BrokerUnreachableException or TimeoutException or ConnectFailureException)
        {
            throw new BrokerUnavailableException(
                $"RabbitMQ at {factory.HostName}:{factory.Port} did not accept a connection within {timeout.TotalSeconds:0.###} s ({e.GetType().Name}). "
                + "Is rabbitmq-server running there? In a notebook, CourseServices.RabbitMqAsync() starts one.", e);
        }
    }

    /// <summary>Another connection, e.g. one per worker, so that a worker can die alone.</summary>
    public Task<IConnection> OpenConnectionAsync(string clientName, CancellationToken cancellationToken = default) =>
        OpenAsync(ConnectionString, clientName, OperationTimeout, cancellationToken);

    public string Name(string local) => $"{Prefix}.{local}";

    /// <summary>
    /// A durable work queue whose rejected messages go to its own dead-letter queue ("{name}.dead-letters", through
    /// the default exchange). With <paramref name="maxLength"/> it refuses publishes beyond that many ready messages
    /// (x-overflow reject-publish: the publisher's confirm is a nack) — back-pressure on the producer.
    /// </summary>
    public async Task<WorkQueue> DeclareWorkQueueAsync(string local, int? maxLength = null, CancellationToken cancellationToken = default)
    {
        if (maxLength is < 1) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "maxLength must be at least 1 (or null for no limit).");
        var queue = new WorkQueue(Name(local), Name(local) + ".dead-letters");
        await DeclareQueueAsync(queue.DeadLetters, null, cancellationToken).ConfigureAwait(false);
        var arguments = new Dictionary<string, object?>
        {
            ["x-dead-letter-exchange"] = "",                 // the default exchange routes by queue name…
            ["x-dead-letter-routing-key"] = queue.DeadLetters, // …to the dead-letter queue
        };
        if (maxLength is { } max)
        {
            arguments["x-max-length"] = max;
            arguments["x-overflow"] = "reject-publish";
        }
        await DeclareQueueAsync(queue.Name, arguments, cancellationToken).ConfigureAwait(false);
        return queue;
    }

    /// <summary>A durable queue named under the prefix, deleted on dispose.</summary>
    public async Task<string> DeclareQueueAsync(string name, IDictionary<string, object?>? arguments = null, CancellationToken cancellationToken = default)
    {
        await Channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
        lock (_queues) _queues.Add(name);
        return name;
    }

    /// <summary>An exchange (<see cref="ExchangeType.Fanout"/>, <see cref="ExchangeType.Topic"/>, …) named under the prefix.</summary>
    public async Task<string> DeclareExchangeAsync(string local, string type, CancellationToken cancellationToken = default)
    {
        var name = Name(local);
        await Channel.ExchangeDeclareAsync(name, type, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        lock (_exchanges) _exchanges.Add(name);
        return name;
    }

    /// <summary>A subscriber: its own queue, bound to <paramref name="exchange"/> with each binding key.</summary>
    public async Task<string> SubscribeAsync(string exchange, string subscriber, IEnumerable<string> bindingKeys, CancellationToken cancellationToken = default)
    {
        var queue = await DeclareQueueAsync(Name(subscriber), null, cancellationToken).ConfigureAwait(false);
        foreach (var key in bindingKeys)
            await Channel.QueueBindAsync(queue, exchange, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        return queue;
    }

    public async Task<uint> CountAsync(string queue, CancellationToken cancellationToken = default) =>
        await Channel.MessageCountAsync(queue, cancellationToken).ConfigureAwait(false);

    /// <summary>Takes every ready message of <paramref name="queue"/> (acknowledged), in queue order. Bounded by <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<DrainedMessage>> DrainAsync(string queue, int max = 10_000, CancellationToken cancellationToken = default)
    {
        var drained = new List<DrainedMessage>();
        while (drained.Count < max
               && await Channel.BasicGetAsync(queue, autoAck: true, cancellationToken).WaitAsync(OperationTimeout, cancellationToken).ConfigureAwait(false) is { } got)
            drained.Add(new DrainedMessage(got.RoutingKey, got.BasicProperties.MessageId, Encoding.UTF8.GetString(got.Body.Span), got.Redelivered));
        return drained;
    }

    /// <summary>Takes every message of a dead-letter queue, with the broker's reason (the x-death header) for each.</summary>
    public async Task<IReadOnlyList<DeadLetteredMessage>> DrainDeadLettersAsync(string deadLetterQueue, CancellationToken cancellationToken = default)
    {
        var letters = new List<DeadLetteredMessage>();
        while (await Channel.BasicGetAsync(deadLetterQueue, autoAck: true, cancellationToken).WaitAsync(OperationTimeout, cancellationToken).ConfigureAwait(false) is { } got)
            letters.Add(DeadLetteredMessage.From(got));
        return letters;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Channel.IsOpen)
            {
                foreach (var queue in _queues) await Channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false).WaitAsync(OperationTimeout).ConfigureAwait(false);
                foreach (var exchange in _exchanges) await Channel.ExchangeDeleteAsync(exchange, ifUnused: false).WaitAsync(OperationTimeout).ConfigureAwait(false);
            }
            await Connection.CloseAsync(OperationTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or TimeoutException)
        {
            // The broker is gone already: nothing left to delete.
        }
        await Connection.DisposeAsync().ConfigureAwait(false);
    }

}

/// <summary>A work queue and the dead-letter queue its rejected messages go to.</summary>
public sealed record WorkQueue(string Name, string DeadLetters);

/// <summary>A message taken from a queue by <see cref="RabbitBroker.DrainAsync"/>.</summary>
public sealed record DrainedMessage(string RoutingKey, string? MessageId, string Text, bool Redelivered);

/// <summary>The broker could not be reached (thrown fast, with what to do about it).</summary>
public sealed class BrokerUnavailableException(string message, Exception inner) : Exception(message, inner);

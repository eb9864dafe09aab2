using System.Diagnostics;
using Course.Distributed.Transactions.Sagas;
using Course.Simulation;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Course.Distributed.Messaging;

/// <summary>
/// Runs one saga service over RabbitMQ: the same <see cref="ISagaHandler"/> as in the simulator, inside the same
/// <see cref="SagaEndpoint"/>, fed from the service's queue. Per delivery: decode (garbage is rejected to the
/// dead-letter queue), handle and commit, publish the outbox with publisher confirms, then ack (manual acks,
/// prefetch 1). A transient failure is nacked for redelivery after a backoff; a poison message is rejected to the
/// dead-letter queue. Stopping the host is a crash: the connection closes, unacked messages go back to the
/// queue, and only the storage survives for the next host. Consumer and timer share one lock, so the handler is
/// single-threaded as in the simulator. Each delivery is handled in a consumer span that continues the trace its
/// headers carry, each message published in a producer span whose context goes into its headers
/// (<see cref="SagaTracing"/>). Delivery handling is in RabbitEndpointHost.Consuming.cs, trace context in .Tracing.cs.
/// </summary>
public sealed partial class RabbitEndpointHost : IAsyncDisposable
{
    private readonly SagaEndpoint _endpoint;
    private readonly IDurableStorage _storage;
    private readonly RabbitTopology _topology;
    private readonly SagaOptions _options;
    private readonly RabbitHostOptions _hostOptions;
    private readonly Action<string>? _log;
    private readonly Lock _sync = new();
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Random _random;
    private readonly TaskCompletionSource _died = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private IConnection _connection = null!;
    private IChannel _consume = null!;
    private IChannel _publish = null!;
    private Task _ticker = Task.CompletedTask;
    private volatile bool _dead;
    private int _disposed;
    private long _backlog;   // messages ready in the queue when this host subscribed (a predecessor's requeued delivery included)
    private long _finished;  // deliveries acked or rejected (final); a nack for redelivery does not count
    private int _inFlight;   // deliveries being handled right now

    private RabbitEndpointHost(ISagaHandler handler, IDurableStorage storage, RabbitTopology topology, SagaOptions options, RabbitHostOptions hostOptions, Action<string>? log)
    {
        _topology = topology;
        _options = options;
        _hostOptions = hostOptions;
        _log = log;
        _random = new Random(DeterministicRandom.DeriveSeed(hostOptions.Seed, StableHash(handler.Endpoint)));
        _storage = storage;
        _endpoint = new SagaEndpoint(handler, storage, (category, detail) => Log($"[{category}] {detail}"));
        LoadTraceContexts(storage);
    }

    public string Endpoint => _endpoint.Name;
    public RabbitHostStats Stats { get; } = new();

    /// <summary>Stopped at its <see cref="RabbitHostOptions.DieAt"/> point: it does nothing more until disposed.</summary>
    public bool IsDead => _dead;

    /// <summary>Completes when the host dies at its <see cref="RabbitHostOptions.DieAt"/> point.</summary>
    public Task Died => _died.Task;

    /// <summary>
    /// Has acked or rejected as many deliveries as its queue held when it subscribed, and is handling none. A restarted
    /// host is not idle until it has dealt with what was waiting for it — the delivery its predecessor died holding
    /// included, which the broker requeued and delivers to it, flagged redelivered. Nothing else shows that work:
    /// the requeued message is in no outbox and no saga waits for it.
    /// </summary>
    public bool IsIdle => Volatile.Read(ref _inFlight) == 0 && Interlocked.Read(ref _finished) >= Interlocked.Read(ref _backlog);

    /// <summary>
    /// Connects, publishes what the outbox still holds from a previous life, and starts consuming
    /// <paramref name="topology"/>'s queue for the handler's endpoint (declared beforehand, see <see cref="RabbitTopology.DeclareAsync"/>).
    /// </summary>
    public static async Task<RabbitEndpointHost> StartAsync(ISagaHandler handler, IDurableStorage storage, RabbitTopology topology,
        string connectionString, SagaOptions? options = null, RabbitHostOptions? hostOptions = null, Action<string>? log = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(topology);
        var factory = Factory(connectionString, $"saga {handler.Endpoint}");
        var host = new RabbitEndpointHost(handler, storage, topology, options ?? new SagaOptions(), hostOptions ?? new RabbitHostOptions(), log);
        try
        {
            await host.ConnectAsync(factory, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return host;
    }

    /// <summary>A connection factory for <paramref name="connectionString"/> (an amqp:// URI), without automatic recovery: a lost connection is a crash.</summary>
    public static ConnectionFactory Factory(string connectionString, string clientName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
            throw new ArgumentException($"'{connectionString}' is not an amqp:// URI.", nameof(connectionString));
        return new ConnectionFactory
        {
            Uri = uri,
            ClientProvidedName = clientName,
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
        };
    }

    /// <summary>Reads the endpoint (outbox, dead letters, the handler's state) under the host's lock.</summary>
    public T Inspect<T>(Func<SagaEndpoint, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_sync) return read(_endpoint);
    }

    /// <summary>
    /// Sends a message that originates at this service (the customer placing an order): committed, then published —
    /// in the caller's trace (its current span is the parent of the publish, see <see cref="SagaTracing"/>).
    /// </summary>
    public async Task<SagaMessage> SendAsync(SagaMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_disposed != 0 || _dead, this);
        var context = SagaTracing.Capture(Activity.Current);
        SagaMessage stamped;
        lock (_sync)
        {
            stamped = _endpoint.Send(message);
            RememberEmittedIn([stamped], context);
        }
        await PublishOutboxAsync(cancellationToken).ConfigureAwait(false);
        return stamped;
    }

    /// <summary>Stops like a crash: no more acks; the broker requeues what was delivered and not acknowledged.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Quietly(() => _ticker.WaitAsync(_hostOptions.OperationTimeout)).ConfigureAwait(false);
        if (_connection is not null)
        {
            await Quietly(() => _connection.CloseAsync(_hostOptions.OperationTimeout)).ConfigureAwait(false);
            await Quietly(async () => await _connection.DisposeAsync().ConfigureAwait(false)).ConfigureAwait(false);
        }
        _died.TrySetCanceled(); // a callback may still be unwinding: the token source and semaphore are left to the GC
    }

    private async Task ConnectAsync(ConnectionFactory factory, CancellationToken cancellationToken)
    {
        var timeout = _hostOptions.OperationTimeout;
        _connection = await factory.CreateConnectionAsync(cancellationToken).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        _publish = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
        _consume = await _connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _consume.BasicQosAsync(0, prefetchCount: 1, global: false, cancellationToken).ConfigureAwait(false);
        if (_endpoint.Recovered) Log($"recovered: {_endpoint.ProcessedCount} processed, {_endpoint.Outbox.Count} in the outbox");
        await PublishOutboxAsync(cancellationToken).ConfigureAwait(false);
        var queue = _topology.QueueOf(Endpoint);
        // What is waiting already (FIFO: it reaches this consumer before anything published later). See IsIdle.
        var waiting = await _consume.QueueDeclarePassiveAsync(queue, cancellationToken).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _backlog, waiting.MessageCount);
        var consumer = new AsyncEventingBasicConsumer(_consume);
        consumer.ReceivedAsync += (_, delivery) => OnDeliveryAsync(delivery);
        await _consume.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
        _ticker = Task.Run(TickLoopAsync, CancellationToken.None);
    }

    /// <summary>The handler's clock, and a second chance for outbox messages whose publish failed.</summary>
    private async Task TickLoopAsync()
    {
        using var timer = new PeriodicTimer(_hostOptions.TickInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false) && !_dead)
            {
                bool pending;
                lock (_sync)
                {
                    _endpoint.Tick(_clock.Elapsed, _random);
                    pending = _endpoint.Outbox.Count > 0;
                }
                if (pending) await PublishOutboxAsync(_stopping.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Log($"tick loop stopped: {e.GetType().Name}: {e.Message}");
        }
    }

    private void Log(string line) => _log?.Invoke($"{Endpoint}: {line}");

    private async Task Quietly(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log($"while stopping: {e.GetType().Name}: {e.Message}");
        }
    }

    // Stable across processes (string.GetHashCode is randomised per process, and a replay must not be).
    private static long StableHash(string s)
    {
        long h = 17;
        foreach (var c in s) h = h * 31 + c;
        return h;
    }
}

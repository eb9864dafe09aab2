using System.Collections.Concurrent;
using Course.Distributed.Transactions.Sagas;
using Course.Simulation;
using RabbitMQ.Client;

namespace Course.Distributed.Messaging;

/// <summary>
/// The order saga on a real broker, in either style: the services of <see cref="SagaServices.For"/> — exactly the
/// deployment the simulator runs — each in a <see cref="RabbitEndpointHost"/> with a database of its own. Place
/// orders, stop and restart services (a crash), inject poison messages, wait until settled, and audit with the
/// same <see cref="SagaAuditor"/> as the simulator. Dispose to stop every host and delete the broker objects.
/// Where the databases live is the caller's choice (<c>openStorage</c>): in memory by default, or a file per service
/// (the microservices week's <c>ServiceSaga</c>).
/// </summary>
public partial class RabbitSagaDeployment : IAsyncDisposable
{
    private readonly ConnectionFactory _factory;
    private readonly SagaOptions _options;
    private readonly RabbitHostOptions _hostOptions;
    private readonly Func<string, IDurableStorage> _openStorage;
    private readonly Dictionary<string, SagaService> _services = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RabbitEndpointHost> _hosts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IDurableStorage> _openBy = new(StringComparer.Ordinal); // the database each running host has open
    private readonly ConcurrentDictionary<OrderId, OrderDetails> _orders = new();
    private readonly ConcurrentQueue<string> _log = new();
    private IConnection? _admin;
    private IChannel? _channel;
    private int _nextOrder;

    /// <summary>
    /// Checks the arguments (nothing connects yet); <see cref="DeployAsync"/> then declares and starts.
    /// <paramref name="openStorage"/> opens a service's database for a host that starts, and for the audit; what it
    /// returns is disposed when the host stops (a crash) or the audit is done, if it is <see cref="IDisposable"/>.
    /// </summary>
    protected RabbitSagaDeployment(string connectionString, SagaStyle style, ShopConfiguration? shop, SagaOptions? options,
        RabbitHostOptions? hostOptions, string? prefix, Func<string, IDurableStorage>? openStorage)
    {
        _factory = RabbitEndpointHost.Factory(connectionString, "saga deployment");
        if (!Enum.IsDefined(style)) throw new ArgumentOutOfRangeException(nameof(style), style, "Not a saga style.");
        ConnectionString = connectionString;
        Style = style;
        Shop = shop ?? ShopConfiguration.Default;
        _options = options ?? new SagaOptions();
        _hostOptions = hostOptions ?? new RabbitHostOptions();
        _openStorage = openStorage ?? InMemory();
        Topology = new RabbitTopology(prefix ?? $"saga-{style.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..32]);
        foreach (var service in SagaServices.For(style, Shop, _options)) _services[service.Endpoint] = service;
        Routes = new SagaRoutes(_services.Values.Select(s => s.Create()));
    }

    public SagaStyle Style { get; }
    public ShopConfiguration Shop { get; }
    public RabbitTopology Topology { get; }
    public SagaRoutes Routes { get; }
    public IReadOnlyCollection<string> Endpoints => _services.Keys;
    public IReadOnlyDictionary<OrderId, OrderDetails> Orders => _orders;

    /// <summary>The running hosts (a stopped service has none).</summary>
    public IReadOnlyDictionary<string, RabbitEndpointHost> Hosts => _hosts;

    /// <summary>What the hosts logged (recovery, retries, poison messages), oldest first.</summary>
    public IReadOnlyCollection<string> Log => _log;

    /// <summary>The broker's amqp:// URI, for a subclass that adds its own connection (a wire tap).</summary>
    protected string ConnectionString { get; }

    /// <summary>
    /// Declares the topology under a fresh prefix (or <paramref name="prefix"/>) on the broker at
    /// <paramref name="connectionString"/> (an amqp:// URI) and starts every service, each on a database opened by
    /// <paramref name="openStorage"/> (default: in memory).
    /// </summary>
    public static async Task<RabbitSagaDeployment> StartAsync(string connectionString, SagaStyle style, ShopConfiguration? shop = null,
        SagaOptions? options = null, RabbitHostOptions? hostOptions = null, string? prefix = null,
        Func<string, IDurableStorage>? openStorage = null, CancellationToken cancellationToken = default)
    {
        var deployment = new RabbitSagaDeployment(connectionString, style, shop, options, hostOptions, prefix, openStorage);
        await deployment.DeployAsync(cancellationToken).ConfigureAwait(false);
        return deployment;
    }

    /// <summary>Declares the topology and starts every service; on failure, undoes what it did and rethrows.</summary>
    protected async Task DeployAsync(CancellationToken cancellationToken)
    {
        try
        {
            var timeout = _hostOptions.OperationTimeout;
            _admin = await _factory.CreateConnectionAsync(cancellationToken).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            _channel = await _admin.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await Topology.DeclareAsync(_channel, Routes, cancellationToken).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            foreach (var endpoint in _services.Keys) await StartServiceAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The running host of <paramref name="endpoint"/> (its stats, its endpoint state).</summary>
    public RabbitEndpointHost Host(string endpoint) =>
        _hosts.TryGetValue(Known(endpoint), out var host) ? host : throw new InvalidOperationException($"{endpoint} is not running.");

    /// <summary>The customer places an order; returns once the request is confirmed by the broker.</summary>
    public async Task<OrderId> PlaceOrderAsync(OrderDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        var id = new OrderId(Interlocked.Increment(ref _nextOrder));
        _orders[id] = details;
        await Host(SagaEndpoints.Client).SendAsync(new PlaceOrder(id, details), cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>
    /// Stops <paramref name="endpoint"/>'s host as a crash would: its connection closes without acking, so the
    /// broker puts its unacknowledged delivery back in the queue. Its database is closed and stays. Returns once the
    /// broker has dropped the host's consumer (bounded by <see cref="RabbitHostOptions.OperationTimeout"/>): the queue
    /// requeues a dead channel's deliveries in the same step as it forgets its consumer, so a host started afterwards
    /// finds them waiting (see <see cref="RabbitEndpointHost.IsIdle"/>).
    /// </summary>
    public async Task StopServiceAsync(string endpoint)
    {
        if (!_hosts.TryRemove(Known(endpoint), out var host)) return;
        await host.DisposeAsync().ConfigureAwait(false);
        if (_openBy.TryRemove(endpoint, out var storage)) Close(storage);
        await WaitUntilUnconsumedAsync(endpoint).ConfigureAwait(false);
    }

    private async Task WaitUntilUnconsumedAsync(string endpoint)
    {
        if (_channel is not { IsOpen: true } channel) return;
        var deadline = DateTime.UtcNow + _hostOptions.OperationTimeout;
        try
        {
            while (true)
            {
                var queue = await channel.QueueDeclarePassiveAsync(Topology.QueueOf(endpoint)).WaitAsync(_hostOptions.OperationTimeout).ConfigureAwait(false);
                if (queue.ConsumerCount == 0) return;
                if (DateTime.UtcNow >= deadline)
                {
                    _log.Enqueue($"deployment: {endpoint} stopped, but the broker still lists {queue.ConsumerCount} consumer(s) on its queue");
                    return;
                }
                await Task.Delay(10).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Enqueue($"deployment: after stopping {endpoint}: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Starts <paramref name="endpoint"/> again on its database (reopened): it recovers, publishes its outbox and consumes again.</summary>
    public async Task StartServiceAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        if (_hosts.ContainsKey(Known(endpoint))) return;
        var storage = _openStorage(endpoint);
        try
        {
            _hosts[endpoint] = await RabbitEndpointHost.StartAsync(_services[endpoint].Create(), storage, Topology, ConnectionString,
                _options, _hostOptions, _log.Enqueue, cancellationToken).ConfigureAwait(false);
            _openBy[endpoint] = storage;
        }
        catch
        {
            Close(storage);
            throw;
        }
    }

    /// <summary>
    /// Every service runs, none has anything left to publish or to handle (a restarted one has dealt with the
    /// delivery its predecessor died holding: <see cref="RabbitEndpointHost.IsIdle"/>), the customer has heard about
    /// every order, and no saga is active at the orchestrator.
    /// </summary>
    public bool IsSettled
    {
        get
        {
            if (_hosts.Count < _services.Count || _hosts.Values.Any(h => h.IsDead || !h.IsIdle || h.Inspect(e => e.Outbox.Count) > 0)) return false;
            var told = Host(SagaEndpoints.Client).Inspect(e => ((ClientHandler)e.Handler).Outcomes.Count);
            if (told < _orders.Count) return false;
            return !_hosts.TryGetValue(SagaEndpoints.Orchestrator, out var o) || o.Inspect(e => ((SagaOrchestrator)e.Handler).Active) == 0;
        }
    }

    /// <summary>Polls <see cref="IsSettled"/> until it holds or <paramref name="timeout"/> passes; returns whether it settled.</summary>
    public Task<bool> WaitUntilSettledAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Eventually.TrueAsync(() => IsSettled, timeout, cancellationToken: cancellationToken);

    /// <summary>Publishes raw bytes to the saga exchange (or, with <paramref name="queue"/>, straight into one queue): how a test injects poison.</summary>
    public async Task PublishRawAsync(string routingKey, byte[] body, string? queue = null, string? messageId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(routingKey);
        ArgumentNullException.ThrowIfNull(body);
        var properties = new BasicProperties { MessageId = messageId, Type = routingKey, DeliveryMode = DeliveryModes.Persistent };
        await Channel.BasicPublishAsync(queue is null ? Topology.Exchange : "", queue ?? routingKey, mandatory: false, properties, body, cancellationToken)
            .AsTask().WaitAsync(_hostOptions.OperationTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes everything in the dead-letter queue (acknowledging it), with the broker's reason for each.</summary>
    public async Task<IReadOnlyList<DeadLetteredMessage>> DrainDeadLettersAsync(CancellationToken cancellationToken = default)
    {
        var letters = new List<DeadLetteredMessage>();
        while (await Channel.BasicGetAsync(Topology.DeadLetterQueue, autoAck: true, cancellationToken)
                   .WaitAsync(_hostOptions.OperationTimeout, cancellationToken).ConfigureAwait(false) is { } got)
            letters.Add(DeadLetteredMessage.From(got));
        return letters;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var endpoint in _hosts.Keys.ToArray()) await StopServiceAsync(endpoint).ConfigureAwait(false);
        try
        {
            if (_channel is { IsOpen: true })
                await Topology.DeleteAsync(_channel, Routes).WaitAsync(_hostOptions.OperationTimeout).ConfigureAwait(false);
            if (_admin is not null)
            {
                await _admin.CloseAsync(_hostOptions.OperationTimeout).ConfigureAwait(false);
                await _admin.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Enqueue($"deployment: while stopping: {e.GetType().Name}: {e.Message}");
        }
    }

    private IChannel Channel => _channel ?? throw new InvalidOperationException("The deployment is not connected.");

    /// <summary><paramref name="endpoint"/>, if this deployment has that service; else an <see cref="ArgumentException"/>.</summary>
    protected string Known(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return _services.ContainsKey(endpoint)
            ? endpoint
            : throw new ArgumentException($"Unknown endpoint '{endpoint}'; the {Style} deployment has {string.Join(", ", _services.Keys)}.", nameof(endpoint));
    }
}

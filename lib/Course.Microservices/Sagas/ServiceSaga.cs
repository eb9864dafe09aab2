using System.Collections.Concurrent;
using Course.Distributed.Messaging;
using Course.Distributed.Transactions.Sagas;
using RabbitMQ.Client;

namespace Course.Microservices.Sagas;

/// <summary>
/// The order saga of week 2 run as separate services over a real RabbitMQ, in either style — an orchestrator service
/// sending commands (<see cref="SagaStyle.Orchestrated"/>) or services reacting to each other's events
/// (<see cref="SagaStyle.Choreographed"/>) — with the same handlers (<see cref="SagaServices.For"/>) and the same
/// RabbitMQ host (manual acks, publisher confirms, dead letters), but each service's state, dedupe record and outbox in
/// <em>its own SQLite file</em>. Stopping a service is a crash; starting it again reopens its file. Dispose to stop all.
/// </summary>
public sealed class ServiceSaga : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly SagaOptions _options;
    private readonly RabbitHostOptions _hostOptions;
    private readonly Dictionary<string, SagaService> _services = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (RabbitEndpointHost Host, SqliteDurableStorage Storage)> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<OrderId, OrderDetails> _orders = new();
    private readonly ConcurrentQueue<string> _log = new();
    private IConnection? _admin;
    private int _nextOrder;

    private ServiceSaga(string connectionString, SagaStyle style, string dataDirectory, ShopConfiguration shop, SagaOptions options, RabbitHostOptions hostOptions)
    {
        _connectionString = connectionString;
        _options = options;
        _hostOptions = hostOptions;
        Style = style;
        Shop = shop;
        DataDirectory = dataDirectory;
        foreach (var service in SagaServices.For(style, shop, options)) _services[service.Endpoint] = service;
        Routes = new SagaRoutes(_services.Values.Select(s => s.Create()));
        Topology = new RabbitTopology($"ms-{style.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..30]);
    }

    public SagaStyle Style { get; }
    public ShopConfiguration Shop { get; }
    public string DataDirectory { get; }
    public SagaRoutes Routes { get; }
    public RabbitTopology Topology { get; }
    public IReadOnlyCollection<string> Endpoints => _services.Keys;
    public IReadOnlyDictionary<OrderId, OrderDetails> Orders => _orders;
    public IReadOnlyCollection<string> Log => _log;

    /// <summary>The running host of <paramref name="endpoint"/> (its stats, its endpoint state).</summary>
    public RabbitEndpointHost Host(string endpoint) =>
        _running.TryGetValue(Known(endpoint), out var r) ? r.Host : throw new InvalidOperationException($"{endpoint} is not running.");

    /// <summary>The SQLite file of <paramref name="endpoint"/>: the service's database.</summary>
    public string DatabaseOf(string endpoint) => Path.Combine(DataDirectory, $"{Known(endpoint)}.db");

    public static async Task<ServiceSaga> StartAsync(string connectionString, SagaStyle style, string dataDirectory, ShopConfiguration? shop = null,
        SagaOptions? options = null, RabbitHostOptions? hostOptions = null, CancellationToken cancellationToken = default)
    {
        var factory = RabbitEndpointHost.Factory(connectionString, "microservice saga");
        if (!Enum.IsDefined(style)) throw new ArgumentOutOfRangeException(nameof(style), style, "Not a saga style.");
        if (!Directory.Exists(dataDirectory)) throw new ArgumentException($"The data folder '{dataDirectory}' does not exist.", nameof(dataDirectory));
        var saga = new ServiceSaga(connectionString, style, dataDirectory, shop ?? ShopConfiguration.Default, options ?? new SagaOptions(), hostOptions ?? new RabbitHostOptions());
        try
        {
            saga._admin = await factory.CreateConnectionAsync(cancellationToken).WaitAsync(saga._hostOptions.OperationTimeout, cancellationToken).ConfigureAwait(false);
            await using var channel = await saga._admin.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await saga.Topology.DeclareAsync(channel, saga.Routes, cancellationToken).ConfigureAwait(false);
            foreach (var endpoint in saga._services.Keys) await saga.StartServiceAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await saga.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return saga;
    }

    /// <summary>Starts a wire tap on this saga's exchange (dispose it when done): every message, in order, for a sequence diagram.</summary>
    public Task<SagaTap> TapAsync(CancellationToken cancellationToken = default) => SagaTap.StartAsync(_connectionString, Topology, Routes, cancellationToken);

    /// <summary>The customer's request, committed at the client service and published through its outbox.</summary>
    public async Task<OrderId> PlaceOrderAsync(OrderDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        var id = new OrderId(Interlocked.Increment(ref _nextOrder));
        _orders[id] = details;
        await Host(SagaEndpoints.Client).SendAsync(new PlaceOrder(id, details), cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>Kills the service: no ack for what it holds (the broker redelivers), its SQLite file stays.</summary>
    public async Task StopServiceAsync(string endpoint)
    {
        if (!_running.TryRemove(Known(endpoint), out var r)) return;
        await r.Host.DisposeAsync().ConfigureAwait(false);
        r.Storage.Dispose();
    }

    /// <summary>Starts the service on its SQLite file: it recovers, relays what its outbox still holds, and consumes.</summary>
    public async Task StartServiceAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        if (_running.ContainsKey(Known(endpoint))) return;
        var storage = new SqliteDurableStorage(DatabaseOf(endpoint));
        try
        {
            var host = await RabbitEndpointHost.StartAsync(_services[endpoint].Create(), storage, Topology, _connectionString, _options, _hostOptions,
                _log.Enqueue, cancellationToken).ConfigureAwait(false);
            _running[endpoint] = (host, storage);
        }
        catch
        {
            storage.Dispose();
            throw;
        }
    }

    /// <summary>Every service runs idle (nothing it was given left unhandled) with an empty outbox, the customer heard about every order, no saga is active at the orchestrator.</summary>
    public bool IsSettled =>
        _running.Count == _services.Count
        && _running.Values.All(r => !r.Host.IsDead && r.Host.IsIdle && r.Host.Inspect(e => e.Outbox.Count) == 0)
        && Host(SagaEndpoints.Client).Inspect(e => ((ClientHandler)e.Handler).Outcomes.Count) >= _orders.Count
        && (!_services.ContainsKey(SagaEndpoints.Orchestrator) || Host(SagaEndpoints.Orchestrator).Inspect(e => ((SagaOrchestrator)e.Handler).Active) == 0);

    public async Task<bool> WaitUntilSettledAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!IsSettled)
        {
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>Week 2's auditor, reading each service's SQLite file: money conserved, stock conserved, every order ended once.</summary>
    public SagaAudit Audit(bool requireComplete = true)
    {
        var opened = new List<SqliteDurableStorage>();
        try
        {
            return SagaAuditor.Audit(Style, Shop, _orders, endpoint =>
            {
                var storage = new SqliteDurableStorage(DatabaseOf(endpoint));
                opened.Add(storage);
                return storage;
            }, requireComplete);
        }
        finally
        {
            foreach (var s in opened) s.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var endpoint in _running.Keys.ToArray()) await StopServiceAsync(endpoint).ConfigureAwait(false);
        if (_admin is null) return;
        try
        {
            await using (var channel = await _admin.CreateChannelAsync().ConfigureAwait(false))
                await Topology.DeleteAsync(channel, Routes).WaitAsync(_hostOptions.OperationTimeout).ConfigureAwait(false);
            await _admin.CloseAsync(_hostOptions.OperationTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Enqueue($"saga: while stopping: {e.GetType().Name}: {e.Message}");
        }
        await _admin.DisposeAsync().ConfigureAwait(false);
    }

    private string Known(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return _services.ContainsKey(endpoint)
            ? endpoint
            : throw new ArgumentException($"Unknown service '{endpoint}'; the {Style} saga has {string.Join(", ", _services.Keys)}.", nameof(endpoint));
    }
}

using Course.Simulation;

namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// The order saga on the deterministic simulator, in either style: one node per service (the customer, the
/// four domain services and, orchestrated, the orchestrator), each a <see cref="SagaNode"/>. Place orders,
/// crash services at chosen delivery stages or at any moment, make the network lossy; then audit the end state
/// (<see cref="Audit"/>). Faults are in SagaCluster.Faults.cs.
/// </summary>
public sealed partial class SagaCluster
{
    private readonly SortedDictionary<OrderId, OrderDetails> _orders = [];
    private readonly Dictionary<string, NodeId> _endpoints = new(StringComparer.Ordinal);
    private int _nextOrder = 1;

    /// <param name="style">Orchestrated or choreographed.</param>
    /// <param name="seed">The simulation's seed: the same seed gives the same run.</param>
    /// <param name="shop">Balances, stock and refused destinations (the business failures); <see cref="ShopConfiguration.Default"/> if null.</param>
    /// <param name="options">Retries, timeouts and injected transient failures.</param>
    public SagaCluster(SagaStyle style, int seed = 1, ShopConfiguration? shop = null, SagaOptions? options = null,
        SimulationOptions? simulationOptions = null)
    {
        if (!Enum.IsDefined(style)) throw new ArgumentOutOfRangeException(nameof(style), style, "Not a saga style.");
        Style = style;
        Shop = shop ?? ShopConfiguration.Default;
        Options = options ?? new SagaOptions();
        Simulation = new Simulation<SagaPacket>(seed, simulationOptions);
        var services = SagaServices.For(style, Shop, Options);
        Routes = new SagaRoutes(services.Select(s => s.Create()));
        for (var i = 0; i < services.Count; i++) _endpoints[services[i].Endpoint] = new NodeId(i);
        var probe = new SagaProbe { CrashHere = OnCrashPoint, Counters = Counters };
        foreach (var service in services) Simulation.AddNode(_ => new SagaNode(service.Create, _endpoints, Routes, Options, probe));
    }

    public Simulation<SagaPacket> Simulation { get; }
    public SagaStyle Style { get; }
    public ShopConfiguration Shop { get; }
    public SagaOptions Options { get; }
    public SagaRoutes Routes { get; }
    public SagaCounters Counters { get; } = new();
    public int Seed => Simulation.Seed;
    public TimeSpan Now => Simulation.Now;

    /// <summary>Every endpoint and its node (the customer is n0).</summary>
    public IReadOnlyDictionary<string, NodeId> Endpoints => _endpoints;

    /// <summary>The services that can be crashed: every endpoint but the customer.</summary>
    public IReadOnlyList<string> Services => [.. _endpoints.Keys.Where(e => e != SagaEndpoints.Client)];

    /// <summary>Every order placed so far.</summary>
    public IReadOnlyDictionary<OrderId, OrderDetails> Orders => _orders;

    /// <summary>The customer places an order: its saga starts as soon as the request reaches the first service.</summary>
    public OrderId PlaceOrder(OrderDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var id = new OrderId(_nextOrder++);
        _orders[id] = details;
        Simulation.Invoke<SagaNode, SagaMessage>(_endpoints[SagaEndpoints.Client], n => n.Send(new PlaceOrder(id, details)));
        return id;
    }

    public OrderId PlaceOrder(string customer, long amount, string sku, int quantity, string destination) =>
        PlaceOrder(new OrderDetails(customer, amount, sku, quantity, destination));

    public NodeId NodeOf(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return _endpoints.TryGetValue(endpoint, out var id)
            ? id
            : throw new ArgumentException($"Unknown endpoint '{endpoint}'; the {Style} deployment has {string.Join(", ", _endpoints.Keys)}.", nameof(endpoint));
    }

    /// <summary>The live node of <paramref name="endpoint"/>, or null while it is crashed.</summary>
    public SagaNode? NodeOrNull(string endpoint) => Simulation.IsUp(NodeOf(endpoint)) ? Simulation.Node<SagaNode>(NodeOf(endpoint)) : null;

    /// <summary>The live orchestrator (null when choreographed or crashed).</summary>
    public SagaOrchestrator? Orchestrator =>
        Style == SagaStyle.Orchestrated ? NodeOrNull(SagaEndpoints.Orchestrator)?.Handler as SagaOrchestrator : null;

    /// <summary>The orchestrator's durable saga log (readable while it is crashed); empty when choreographed.</summary>
    public IReadOnlyList<SagaLogEntry> SagaLog
    {
        get
        {
            if (Style != SagaStyle.Orchestrated || EndpointRecord.Read(Simulation.StorageOf(NodeOf(SagaEndpoints.Orchestrator))) is not { } record) return [];
            var replay = new SagaOrchestrator(Options);
            replay.RestoreState(record.HandlerState);
            return replay.Log;
        }
    }

    /// <summary>What the customer has been told about <paramref name="order"/> (null: nothing yet).</summary>
    public ClientOutcome? OutcomeOf(OrderId order) =>
        ((ClientHandler)Simulation.Node<SagaNode>(_endpoints[SagaEndpoints.Client]).Handler).Outcomes.GetValueOrDefault(order);

    /// <summary>
    /// Every node is up with nothing left to send or retry, the customer has heard the outcome of every order,
    /// and no saga is still running at the orchestrator.
    /// </summary>
    public bool IsSettled
    {
        get
        {
            foreach (var id in _endpoints.Values)
                if (!Simulation.IsUp(id) || !Simulation.Node<SagaNode>(id).IsIdle) return false;
            var told = ((ClientHandler)Simulation.Node<SagaNode>(_endpoints[SagaEndpoints.Client]).Handler).Outcomes;
            if (told.Count < _orders.Count) return false;
            return Orchestrator is not { Active: > 0 };
        }
    }

    public void RunFor(TimeSpan duration) => Simulation.RunFor(duration);

    public bool RunUntil(Func<bool> condition, TimeSpan budget) => Simulation.RunUntil(condition, budget);

    /// <summary>Runs until <see cref="IsSettled"/> or <paramref name="budget"/> of virtual time has passed; returns whether it settled.</summary>
    public bool RunUntilSettled(TimeSpan budget) => Simulation.RunUntil(() => IsSettled, budget);

    /// <summary>Checks the end state from every service's durable state (see <see cref="SagaAuditor"/>).</summary>
    public SagaAudit Audit(bool requireComplete = true) =>
        SagaAuditor.Audit(Style, Shop, _orders, endpoint => Simulation.StorageOf(NodeOf(endpoint)), requireComplete);
}

using Course.Simulation;

namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// Hosts one saga service in the simulator, giving it what a broker gives it over RabbitMQ: at-least-once
/// delivery on a network that loses, duplicates and reorders. Each committed outgoing message is sent to every
/// consumer of its kind and resent with exponential backoff until each has acknowledged it; a delivery is
/// acknowledged only after the <see cref="SagaEndpoint"/> committed it; a transient failure is retried here
/// after a backoff, and dead-lettered after <see cref="SagaOptions.MaxDeliveryAttempts"/>. Timers and retries
/// are volatile — a crash loses them, and the outbox and the senders' resends recover everything.
/// </summary>
public sealed class SagaNode : INode<SagaPacket>
{
    private readonly Func<ISagaHandler> _create;
    private readonly IReadOnlyDictionary<string, NodeId> _nodes;
    private readonly SagaRoutes _routes;
    private readonly SagaOptions _options;
    private readonly SagaProbe? _probe;
    private readonly Dictionary<string, Transmission> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Redelivery> _redeliveries = new(StringComparer.Ordinal);
    private INodeContext<SagaPacket> _context = null!;
    private bool _halted;

    /// <param name="create">Builds the service's handler (again after every restart; its state comes back from storage).</param>
    /// <param name="nodes">Where each endpoint runs.</param>
    /// <param name="routes">Who consumes which message kind.</param>
    public SagaNode(Func<ISagaHandler> create, IReadOnlyDictionary<string, NodeId> nodes, SagaRoutes routes, SagaOptions? options = null)
        : this(create, nodes, routes, options, null)
    {
    }

    internal SagaNode(Func<ISagaHandler> create, IReadOnlyDictionary<string, NodeId> nodes, SagaRoutes routes, SagaOptions? options, SagaProbe? probe)
    {
        _create = create ?? throw new ArgumentNullException(nameof(create));
        _nodes = nodes ?? throw new ArgumentNullException(nameof(nodes));
        _routes = routes ?? throw new ArgumentNullException(nameof(routes));
        _options = options ?? new SagaOptions();
        _probe = probe;
    }

    public SagaEndpoint Endpoint { get; private set; } = null!;
    public ISagaHandler Handler => Endpoint.Handler;

    /// <summary>Nothing left to send and no retry pending.</summary>
    public bool IsIdle => Endpoint.Outbox.Count == 0 && _redeliveries.Count == 0;

    public void Start(INodeContext<SagaPacket> context)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        Endpoint = new SagaEndpoint(_create(), context.Storage, context.Note);
        if (Endpoint.Recovered)
            context.Note("recovered", $"{Endpoint.Name}: {Endpoint.ProcessedCount} messages processed, {Endpoint.Outbox.Count} in the outbox to send again");
        foreach (var message in Endpoint.Outbox.ToArray()) Transmit(message);
    }

    /// <summary>Sends a message that originates here (the customer placing an order): committed first, then sent until acknowledged.</summary>
    public SagaMessage Send(SagaMessage message)
    {
        var stamped = Endpoint.Send(message);
        Transmit(stamped);
        return stamped;
    }

    public void Receive(NodeId from, SagaPacket packet)
    {
        if (_halted) return;
        switch (packet)
        {
            case SagaPacket.Deliver deliver:
                if (CrashHere(deliver.Message, DeliveryStage.Received)) return;
                if (!_redeliveries.ContainsKey(deliver.Message.Id)) Handle(from, deliver.Message, attempt: 0);
                break;
            case SagaPacket.Acknowledge ack:
                OnAcknowledge(from, ack.MessageId);
                break;
        }
    }

    public void Tick()
    {
        if (_halted) return;
        foreach (var message in Endpoint.Tick(_context.Now, _context.Random)) Transmit(message);
        foreach (var t in _inFlight.Values.Where(t => t.NextAt <= _context.Now).ToArray())
        {
            t.NextAt = _context.Now + _options.Retry.Delay(++t.Attempt, _context.Random);
            foreach (var to in t.Targets.Where(n => !t.Acknowledged.Contains(n)))
            {
                _context.Send(to, new SagaPacket.Deliver(t.Message));
                Count(c => c.Resends++);
            }
        }
        foreach (var r in _redeliveries.Values.Where(r => r.At <= _context.Now).OrderBy(r => r.At).ToArray())
        {
            _redeliveries.Remove(r.Message.Id);
            Handle(r.From, r.Message, r.Attempt);
            if (_halted) return;
        }
    }

    private void Handle(NodeId from, SagaMessage message, int attempt)
    {
        var outcome = Endpoint.Deliver(message, _context.Now, _context.Random);
        switch (outcome.Status)
        {
            case DeliveryStatus.Duplicate:
                Count(c => c.Duplicates++);
                break;
            case DeliveryStatus.Transient when attempt + 1 < _options.MaxDeliveryAttempts:
                Count(c => c.TransientFailures++);
                var delay = _options.Retry.Delay(attempt, _context.Random);
                _redeliveries[message.Id] = new Redelivery(from, message, attempt + 1, _context.Now + delay);
                _context.Note("retry", $"{message}: {outcome.Reason}; retry {attempt + 1} in {delay.TotalMilliseconds:F0} ms");
                return; // not acknowledged: if this node crashes meanwhile, the sender's resend brings it back
            case DeliveryStatus.Transient:
                Count(c => c.TransientFailures++);
                Endpoint.DeadLetter(message, $"{outcome.Reason}, {attempt + 1} attempts");
                Count(c => c.DeadLetters++);
                break;
            case DeliveryStatus.Poison:
                Count(c => c.DeadLetters++);
                break;
            case DeliveryStatus.Processed:
                Count(c => c.Processed++);
                if (CrashHere(message, DeliveryStage.Committed)) return;
                foreach (var m in outcome.Emitted) Transmit(m);
                if (CrashHere(message, DeliveryStage.Published)) return;
                break;
        }
        _context.Send(from, new SagaPacket.Acknowledge(message.Id));
    }

    private void Transmit(SagaMessage message)
    {
        var targets = _routes.For(message.Kind).Select(e => _nodes[e]).ToArray();
        if (targets.Length == 0)
        {
            _context.Note("unroutable", $"{message}: nobody consumes {message.Kind}");
            Endpoint.Confirm(message.Id);
            return;
        }
        _inFlight[message.Id] = new Transmission(message, targets, _context.Now + _options.Retry.Delay(0, _context.Random));
        foreach (var to in targets) _context.Send(to, new SagaPacket.Deliver(message));
    }

    private void OnAcknowledge(NodeId from, string messageId)
    {
        if (!_inFlight.TryGetValue(messageId, out var t)) return;
        t.Acknowledged.Add(from);
        if (t.Targets.Any(n => !t.Acknowledged.Contains(n))) return;
        _inFlight.Remove(messageId);
        Endpoint.Confirm(messageId);
    }

    private bool CrashHere(SagaMessage message, DeliveryStage stage)
    {
        if (_probe?.CrashHere?.Invoke(_context.Self, Endpoint.Name, message, stage) != true) return false;
        _halted = true;
        return true;
    }

    private void Count(Action<SagaCounters> count)
    {
        if (_probe?.Counters is { } counters) count(counters);
    }

    private sealed class Transmission(SagaMessage message, NodeId[] targets, TimeSpan nextAt)
    {
        public SagaMessage Message { get; } = message;
        public NodeId[] Targets { get; } = targets;
        public HashSet<NodeId> Acknowledged { get; } = [];
        public int Attempt { get; set; }
        public TimeSpan NextAt { get; set; } = nextAt;
    }

    private sealed record Redelivery(NodeId From, SagaMessage Message, int Attempt, TimeSpan At);
}

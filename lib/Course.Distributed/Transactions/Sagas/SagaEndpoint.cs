using Course.Simulation;

namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// The part of a service that makes at-least-once delivery safe, shared by every host. Around a sans-I/O
/// <see cref="ISagaHandler"/> it is an <em>idempotent receiver</em> (a message id seen before is a duplicate:
/// no change, no output) and a <em>transactional outbox</em> (what the handler emits is committed in the same
/// write as its state, and sent afterwards until confirmed). The host's protocol is: <see cref="Deliver"/>;
/// send <see cref="Outbox"/>; <see cref="Confirm"/> each message once the next hop has it; then acknowledge the
/// input. A crash anywhere in between leaves a state from which redelivery and resending finish the job.
/// </summary>
public sealed class SagaEndpoint
{
    private readonly IDurableStorage _storage;
    private readonly Action<string, string>? _note;
    private readonly HashSet<string> _processed = new(StringComparer.Ordinal);
    private readonly List<string> _processedInOrder = [];
    private readonly List<SagaMessage> _outbox = [];
    private readonly List<DeadLetter> _deadLetters = [];
    private readonly HashSet<Type> _consumes;
    private byte[] _committedState;
    private long _sequence;

    /// <summary>Opens the endpoint on <paramref name="storage"/>, restoring the handler from what was committed (if anything).</summary>
    /// <param name="note">Where trace lines go (category, detail); null to drop them.</param>
    public SagaEndpoint(ISagaHandler handler, IDurableStorage storage, Action<string, string>? note = null)
    {
        Handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
        _note = note;
        _consumes = [.. handler.Consumes];
        if (EndpointRecord.Read(storage) is { } record)
        {
            handler.RestoreState(record.HandlerState);
            foreach (var id in record.Processed) MarkProcessed(id);
            _outbox.AddRange(record.Outbox);
            _deadLetters.AddRange(record.DeadLetters);
            _sequence = record.Sequence;
            _committedState = record.HandlerState;
            Recovered = true;
        }
        else _committedState = handler.SaveState();
    }

    public ISagaHandler Handler { get; }
    public string Name => Handler.Endpoint;

    /// <summary>Whether there was committed state to recover (a restart, not a first start).</summary>
    public bool Recovered { get; }

    /// <summary>Committed messages not yet confirmed sent, oldest first.</summary>
    public IReadOnlyList<SagaMessage> Outbox => _outbox;

    public IReadOnlyList<DeadLetter> DeadLetters => _deadLetters;

    public int ProcessedCount => _processed.Count;

    /// <summary>Durable writes so far (by this instance).</summary>
    public long Commits { get; private set; }

    public bool HasProcessed(string messageId) => _processed.Contains(messageId);

    /// <summary>Handles one delivered message exactly once, however often it is delivered.</summary>
    public DeliveryOutcome Deliver(SagaMessage message, TimeSpan now, Random random)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(random);
        if (string.IsNullOrEmpty(message.Id))
            throw new ArgumentException("A delivered message needs the id its sender's endpoint gave it.", nameof(message));
        if (_processed.Contains(message.Id)) return DeliveryOutcome.Duplicate;
        if (!_consumes.Contains(message.GetType())) return Poison(message, $"{Name} does not consume {message.Kind}");

        var context = new Context(this, now, random);
        try
        {
            Handler.Handle(message, context);
        }
        catch (TransientFailureException e)
        {
            Rollback();
            return new DeliveryOutcome(DeliveryStatus.Transient, [], e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Rollback();
            return Poison(message, $"{Name} failed on it: {e.GetType().Name}: {e.Message}");
        }
        MarkProcessed(message.Id);
        var emitted = Stamp(context.Emitted);
        Commit();
        return new DeliveryOutcome(DeliveryStatus.Processed, emitted);
    }

    /// <summary>
    /// A message that originates here (the customer's request, an API call): committed to the outbox with a fresh
    /// id, returned as stamped. The host sends it like any other outgoing message.
    /// </summary>
    public SagaMessage Send(SagaMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var stamped = Stamp([message]);
        Commit();
        return stamped[0];
    }

    /// <summary>Lets the handler act on time (timeouts); commits and returns what it emitted.</summary>
    public IReadOnlyList<SagaMessage> Tick(TimeSpan now, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var context = new Context(this, now, random);
        bool changed;
        try
        {
            changed = Handler.Tick(context);
        }
        catch (TransientFailureException)
        {
            Rollback();
            return [];
        }
        if (!changed && context.Emitted.Count == 0) return [];
        var emitted = Stamp(context.Emitted);
        Commit();
        return emitted;
    }

    /// <summary>The next hop has the message (publisher confirm, or every receiver acknowledged): forget it.</summary>
    public bool Confirm(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        var index = _outbox.FindIndex(m => m.Id == messageId);
        if (index < 0) return false;
        _outbox.RemoveAt(index);
        Commit();
        return true;
    }

    /// <summary>The host gave up on a message (too many transient failures): keep it as a dead letter, never handle it.</summary>
    public void DeadLetter(SagaMessage message, string reason)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(reason);
        if (_processed.Contains(message.Id)) return;
        Poison(message, reason);
    }

    private DeliveryOutcome Poison(SagaMessage message, string reason)
    {
        _note?.Invoke("dead-letter", $"{message}: {reason}");
        _deadLetters.Add(new DeadLetter(message, reason));
        MarkProcessed(message.Id);
        Commit();
        return new DeliveryOutcome(DeliveryStatus.Poison, [], reason);
    }

    private List<SagaMessage> Stamp(IReadOnlyList<SagaMessage> messages)
    {
        var stamped = new List<SagaMessage>(messages.Count);
        foreach (var m in messages) stamped.Add(m with { Id = $"{Name}-{++_sequence}" });
        _outbox.AddRange(stamped);
        return stamped;
    }

    private void MarkProcessed(string id)
    {
        if (_processed.Add(id)) _processedInOrder.Add(id);
    }

    private void Commit()
    {
        _committedState = Handler.SaveState();
        new EndpointRecord(_committedState, _processedInOrder, _outbox, _sequence, _deadLetters).Write(_storage);
        Commits++;
    }

    /// <summary>A failed handling leaves no trace: the handler goes back to the last committed state.</summary>
    private void Rollback() => Handler.RestoreState(_committedState);

    private sealed class Context(SagaEndpoint endpoint, TimeSpan now, Random random) : ISagaContext
    {
        public List<SagaMessage> Emitted { get; } = [];
        public TimeSpan Now => now;
        public Random Random => random;

        public void Emit(SagaMessage message)
        {
            ArgumentNullException.ThrowIfNull(message);
            Emitted.Add(message);
        }

        public void Note(string category, string detail) => endpoint._note?.Invoke(category, detail);
    }
}

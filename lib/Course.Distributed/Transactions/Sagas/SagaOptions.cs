namespace Course.Distributed.Transactions.Sagas;

/// <summary>Timeouts, retries and the injected technical failures; every knob has a default that suits the simulator.</summary>
public sealed record SagaOptions
{
    private readonly Backoff _retry = new(TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(640));
    private readonly double _transient;
    private readonly int _maxDeliveryAttempts = 30;
    private readonly TimeSpan? _stepTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Between redeliveries of a message that failed transiently, and between resends of a message nobody has
    /// acknowledged (the simulator's at-least-once delivery).
    /// </summary>
    public Backoff Retry { get => _retry; init => _retry = value ?? throw new ArgumentNullException(nameof(Retry)); }

    /// <summary>The chance that a service fails transiently on a delivery (injected technical failure), in [0, 1).</summary>
    public double TransientFailureProbability
    {
        get => _transient;
        init => _transient = value is >= 0 and < 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(TransientFailureProbability), value, "TransientFailureProbability must be in [0, 1).");
    }

    /// <summary>After this many transient failures of one message, it is a poison message: dead-lettered.</summary>
    public int MaxDeliveryAttempts
    {
        get => _maxDeliveryAttempts;
        init => _maxDeliveryAttempts = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxDeliveryAttempts), value, "MaxDeliveryAttempts must be positive.");
    }

    /// <summary>
    /// How long the orchestrator waits for the reply to a compensatable step before it gives up and compensates,
    /// the unanswered step included (it may have run). Null waits forever. The pivot and the steps after it
    /// never time out: once the pivot may have happened, the saga can only go forward.
    /// </summary>
    public TimeSpan? StepTimeout
    {
        get => _stepTimeout;
        init => _stepTimeout = value is null || value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(StepTimeout), value, "StepTimeout must be positive (or null to wait forever).");
    }
}

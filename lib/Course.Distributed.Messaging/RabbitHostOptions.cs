using Course.Distributed.Transactions.Sagas;

namespace Course.Distributed.Messaging;

/// <summary>How a service is hosted over RabbitMQ, and the faults a test can inject into the host.</summary>
public sealed record RabbitHostOptions
{
    private readonly TimeSpan _tickInterval = TimeSpan.FromMilliseconds(50);
    private readonly TimeSpan _operationTimeout = TimeSpan.FromSeconds(10);
    private readonly double _duplicatePublish;

    /// <summary>How often the handler gets <see cref="ISagaHandler.Tick"/> and unconfirmed outbox messages are published again.</summary>
    public TimeSpan TickInterval
    {
        get => _tickInterval;
        init => _tickInterval = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(TickInterval), value, "TickInterval must be positive.");
    }

    /// <summary>The bound on every broker operation (connect, publish and confirm, ack, close).</summary>
    public TimeSpan OperationTimeout
    {
        get => _operationTimeout;
        init => _operationTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(OperationTimeout), value, "OperationTimeout must be positive.");
    }

    /// <summary>Injected at-least-once duplicates: the chance that a message is published twice, in [0, 1).</summary>
    public double DuplicatePublishProbability
    {
        get => _duplicatePublish;
        init => _duplicatePublish = value is >= 0 and < 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(DuplicatePublishProbability), value, "DuplicatePublishProbability must be in [0, 1).");
    }

    /// <summary>
    /// Where a consumer dies (endpoint, message, stage): it stops right there — no ack, no more work — as a
    /// process killed at that instant; the broker redelivers the message once the host is stopped. Null: never.
    /// </summary>
    public Func<string, SagaMessage, DeliveryStage, bool>? DieAt { get; init; }

    /// <summary>Seeds the hosts' randomness (injected transient failures, jitter, duplicates).</summary>
    public int Seed { get; init; } = 1;
}

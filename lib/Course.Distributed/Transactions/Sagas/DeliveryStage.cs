namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// Where a host can crash while handling one delivery — the windows of the transactional outbox. Each names
/// the last thing done; the same three exist over RabbitMQ (a consumer that dies before its ack).
/// </summary>
public enum DeliveryStage
{
    /// <summary>The message arrived; nothing handled yet. It must be redelivered.</summary>
    Received,

    /// <summary>State, dedupe record and outbox committed; nothing sent, input not acknowledged.</summary>
    Committed,

    /// <summary>The outputs went out; the input is not yet acknowledged, so it comes again (a duplicate).</summary>
    Published,
}

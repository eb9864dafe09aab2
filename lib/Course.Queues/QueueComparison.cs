namespace Course.Queues;

/// <summary>One aspect on which RabbitMQ and Kafka differ.</summary>
public sealed record ComparisonRow(string Aspect, string RabbitMq, string Kafka);

/// <summary>
/// RabbitMQ vs Kafka, the differences this week's cells show (Kleppmann, DDIA ch. 11 "Messaging systems" vs
/// "Partitioned logs"; the RabbitMQ and Kafka documentation).
/// </summary>
public static class QueueComparison
{
    public static IReadOnlyList<ComparisonRow> Rows { get; } =
    [
        new("model", "broker-side queues: a message is deleted once acknowledged", "append-only partitioned log: messages stay until retention ends"),
        new("routing", "exchanges (direct, fanout, topic, headers) route by key/pattern to queues", "producer picks the partition (hash of the key); consumers read partitions"),
        new("consumer progress", "per-message acks; unacked messages are redelivered", "a committed offset per partition and group; replay by seeking back"),
        new("ordering", "per queue, lost on requeue/redelivery with competing consumers", "per partition (same key ⇒ same partition ⇒ order kept)"),
        new("scaling consumers", "competing consumers on one queue, any number", "at most one consumer per partition in a group: partitions cap parallelism"),
        new("back-pressure", "prefetch (basic.qos) per consumer; queue length limits nack publishes", "consumers pull at their own pace; the log absorbs bursts on disk"),
        new("failed messages", "reject → dead-letter exchange/queue (x-death header says why)", "no built-in DLQ: the application writes failures to another topic"),
        new("delivery guarantee", "at-least-once with manual acks + publisher confirms", "at-least-once or at-most-once by when the offset is committed; exactly-once with transactions"),
        new("producer safety", "publisher confirms; mandatory flag returns unroutable messages", "acks=all; the idempotent producer (PID + sequence numbers) drops retried duplicates"),
        new("replay", "no: a consumed message is gone", "yes: any group can re-read from any retained offset"),
        new("typical use", "task queues, RPC, complex routing, per-message work", "event streams, high-throughput pipelines, event sourcing, many independent readers"),
    ];
}

using Confluent.Kafka;
using Course.Infrastructure;

namespace Course.Coordination;

/// <summary>A message as produced: where Kafka put it.</summary>
public sealed record Produced(string Key, string Value, int Partition, long Offset);

/// <summary>A message as consumed: where it came from, and which consumer read it.</summary>
public sealed record Consumed(string Consumer, string Key, string Value, int Partition, long Offset);

/// <summary>How far a consumer group is behind on one partition: the log's end (high watermark) minus the group's committed offset.</summary>
public sealed record PartitionLag(int Partition, long Committed, long HighWatermark)
{
    public long Lag => HighWatermark - Committed;
}

/// <summary>
/// Thin helpers over Confluent.Kafka for the week-3 notebook: produce keyed messages, read one partition in order,
/// and look at committed offsets. They only choose readable defaults; everything else is plain Confluent.Kafka.
/// </summary>
/// <remarks>
/// On the course's MOCK cluster (librdkafka's, see <see cref="ServiceMode.Mock"/>) there is no admin API: a topic
/// is created on first use, when the producer asks for its metadata, with the mock's default partition count
/// (4 partitions in librdkafka's mock; it cannot be changed through client configuration).
/// </remarks>
public static class KafkaLab
{
    /// <summary>
    /// Produces the messages one after the other (each awaited, so they are written in this order) and returns where
    /// each landed. Same key ⇒ same partition (the key is hashed) ⇒ order kept for that key.
    /// </summary>
    public static async Task<IReadOnlyList<Produced>> ProduceAsync(
        string bootstrapServers, string topic, IEnumerable<(string Key, string Value)> messages, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(messages);
        KafkaNativeLibrary.EnsureLoaded();
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,   // no duplicates or reordering on retries
            Acks = Acks.All,
            MessageTimeoutMs = 10_000,  // a bounded wait per message
        };
        using var producer = new ProducerBuilder<string, string>(config).Build();
        var produced = new List<Produced>();
        foreach (var (key, value) in messages)
        {
            var result = await producer.ProduceAsync(topic, new Message<string, string> { Key = key, Value = value }, cancellationToken);
            produced.Add(new Produced(key, value, result.Partition.Value, result.Offset.Value));
        }
        return produced;
    }

    /// <summary>
    /// Reads one partition from <paramref name="fromOffset"/> to its current end, in offset order, without a consumer group
    /// (Assign, not Subscribe; nothing is committed). Stops at the end of the partition or after <paramref name="timeout"/>.
    /// </summary>
    public static IReadOnlyList<Consumed> ReadPartition(
        string bootstrapServers, string topic, int partition, long fromOffset = 0, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        KafkaNativeLibrary.EnsureLoaded();
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}", // required by the client; unused (Assign, no commits)
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        };
        var read = new List<Consumed>();
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Assign(new TopicPartitionOffset(topic, partition, fromOffset));
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null) continue;
            if (result.IsPartitionEOF) break;
            read.Add(new Consumed("reader", result.Message.Key, result.Message.Value, result.Partition.Value, result.Offset.Value));
        }
        consumer.Close();
        return read;
    }

    /// <summary>
    /// The offsets <paramref name="groupId"/> has committed for partitions 0..<paramref name="partitions"/>-1
    /// (the next offset to read; <see cref="Offset.Unset"/> = nothing committed). Asked through a consumer that does not join the group.
    /// </summary>
    public static IReadOnlyDictionary<int, long> CommittedOffsets(
        string bootstrapServers, string topic, string groupId, int partitions, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        return AskAsGroup(bootstrapServers, groupId, consumer => consumer.Committed(
                Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), timeout ?? TimeSpan.FromSeconds(10))
            .ToDictionary(c => c.Partition.Value, c => c.Offset.Value));
    }

    /// <summary>
    /// Consumer lag per partition — the number a Kafka operator watches: messages in the log that the group has not
    /// committed yet (Kafka's own <c>kafka-consumer-groups --describe</c> column LAG). A partition the group never
    /// committed counts from its low watermark (the oldest message still kept), as a consumer with
    /// <c>auto.offset.reset=earliest</c> would start there.
    /// </summary>
    public static IReadOnlyList<PartitionLag> ConsumerLag(
        string bootstrapServers, string topic, string groupId, int partitions, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var wait = timeout ?? TimeSpan.FromSeconds(10);
        return AskAsGroup(bootstrapServers, groupId, consumer =>
            consumer.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), wait).Select(c =>
            {
                var marks = consumer.QueryWatermarkOffsets(c.TopicPartition, wait);
                var from = c.Offset == Offset.Unset ? marks.Low.Value : c.Offset.Value;
                return new PartitionLag(c.Partition.Value, from, marks.High.Value);
            }).OrderBy(l => l.Partition).ToList());
    }

    // Asks the broker about a group through a consumer configured with that group id, which never subscribes: it does not
    // join the group, so asking does not trigger a rebalance of the group's real members.
    private static T AskAsGroup<T>(string bootstrapServers, string groupId, Func<IConsumer<string, string>, T> ask)
    {
        KafkaNativeLibrary.EnsureLoaded();
        var config = new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = groupId, EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        var answer = ask(consumer);
        consumer.Close();
        return answer;
    }
}

using Confluent.Kafka;
using Course.Coordination;
using Course.Infrastructure;

namespace Course.Queues.Kafka;

/// <summary>When a consumer commits its offset, relative to processing the message.</summary>
public enum CommitStrategy
{
    /// <summary>Commit, then process: a crash between the two skips the message — lost, never duplicated.</summary>
    AtMostOnce,
    /// <summary>Process, then commit: a crash between the two processes the message again — duplicated, never lost.</summary>
    AtLeastOnce,
}

/// <summary>
/// The offset-commit trade-off, shown with a crash at the worst moment. A consumer of group G reads one partition
/// (<c>messages</c> messages, one key) and crashes on message <c>crashAt</c> between "process" and "commit" (in
/// whichever order the strategy puts them). Its successor in G resumes from G's committed offset. Which messages
/// were processed, and how often, tells the strategy apart: at-most-once loses message <c>crashAt</c>, at-least-once
/// processes it twice. The consumers use Assign, not Subscribe: one partition, no rebalance, the same run every time.
/// </summary>
public static class OffsetCommits
{
    public static async Task<OffsetRunResult> RunAsync(string bootstrapServers, CommitStrategy strategy, int messages = 8, int crashAt = 3,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        ArgumentOutOfRangeException.ThrowIfLessThan(messages, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(crashAt);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(crashAt, messages);
        var topic = $"offsets-{Guid.NewGuid():N}";
        var group = $"billing-{Guid.NewGuid():N}";
        var produced = await KafkaLab.ProduceAsync(bootstrapServers, topic,
            Enumerable.Range(0, messages).Select(i => ("invoice", $"m{i}")), cancellationToken).ConfigureAwait(false);
        var partition = new TopicPartition(topic, produced[0].Partition);

        var processed = new List<ProcessedMessage>();
        Consume(bootstrapServers, group, partition, strategy, life: 1, crashAt, processed);          // dies at crashAt
        Consume(bootstrapServers, group, partition, strategy, life: 2, crashAt: null, processed);     // reads to the end
        var counts = produced.ToDictionary(p => p.Value, p => processed.Count(x => x.Value == p.Value));
        return new OffsetRunResult(strategy, processed,
            counts.Where(c => c.Value == 0).Select(c => c.Key).ToList(),
            counts.Where(c => c.Value > 1).Select(c => c.Key).ToList());
    }

    private static void Consume(string bootstrapServers, string group, TopicPartition partition, CommitStrategy strategy, int life, int? crashAt,
        List<ProcessedMessage> processed)
    {
        KafkaNativeLibrary.EnsureLoaded();
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,           // every commit below is explicit, at the point the strategy says
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = true,
        };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Assign(new TopicPartitionOffset(partition, Offset.Stored));   // resume from the group's committed offset
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null) continue;
            if (result.IsPartitionEOF) break;
            var crash = crashAt == result.Offset.Value;
            var next = new[] { new TopicPartitionOffset(partition, result.Offset + 1) };
            if (strategy == CommitStrategy.AtMostOnce)
            {
                consumer.Commit(next);
                if (crash) return;             // committed, never processed: lost
                processed.Add(new ProcessedMessage(life, result.Offset.Value, result.Message.Value));
            }
            else
            {
                processed.Add(new ProcessedMessage(life, result.Offset.Value, result.Message.Value));
                if (crash) return;             // processed, never committed: the successor processes it again
                consumer.Commit(next);
            }
        }
        consumer.Close();
    }
}

/// <summary>A message processed by the consumer's <see cref="Life"/>-th incarnation.</summary>
public sealed record ProcessedMessage(int Life, long Offset, string Value);

public sealed record OffsetRunResult(CommitStrategy Strategy, IReadOnlyList<ProcessedMessage> Processed, IReadOnlyList<string> Lost, IReadOnlyList<string> Duplicated);

using Confluent.Kafka;
using Course.Coordination;
using Course.Infrastructure;

namespace Course.Queues.Kafka;

/// <summary>
/// Produces keyed messages the fast way: all handed to the client at once, many requests in flight, then one
/// flush. With several requests in flight, a retried batch could land behind a later one (reordered) or twice
/// (duplicated); the idempotent producer (KIP-98) prevents both: the broker knows each producer's id and a sequence
/// number per partition, and drops or refuses what is out of sequence. It requires acks=all and at most 5 requests
/// in flight; Confluent.Kafka sets those when <c>EnableIdempotence</c> is on.
/// </summary>
public static class BurstProducer
{
    public static async Task<IReadOnlyList<Produced>> ProduceAsync(string bootstrapServers, string topic, IReadOnlyList<(string Key, string Value)> messages,
        bool idempotent = true, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(messages);
        KafkaNativeLibrary.EnsureLoaded();
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = idempotent,
            Acks = Acks.All,
            MaxInFlight = 5,
            LingerMs = 5,                 // small batches, several in flight
            MessageTimeoutMs = 15_000,    // a bounded wait per message
        };
        using var producer = new ProducerBuilder<string, string>(config).Build();
        var sends = messages.Select(m => producer.ProduceAsync(topic, new Message<string, string> { Key = m.Key, Value = m.Value }, cancellationToken)).ToArray();
        var results = await Task.WhenAll(sends).ConfigureAwait(false);
        return results.Select(r => new Produced(r.Message.Key, r.Message.Value, r.Partition.Value, r.Offset.Value)).ToList();
    }
}

using Confluent.Kafka;
using Course.Infrastructure.Processes;

namespace Course.Infrastructure.Tests;

public sealed class KafkaTests
{
    [SkippableFact]
    public async Task A_consumer_group_reads_back_what_was_produced_in_order_within_a_partition()
    {
        var kafka = await CourseServices.KafkaAsync();
        await using (kafka)
        {
            Skip.If(!kafka.IsAvailable, kafka.Description);
            if (kafka.Mode == ServiceMode.Mock)
            {
                Assert.Contains("MOCK", kafka.Description);
                Assert.Contains("NOT Apache Kafka", kafka.Description);
            }

            var topic = $"course-test-{Guid.NewGuid():N}";
            var sent = Enumerable.Range(0, 10).Select(i => $"step-{i}").ToList();
            var partitions = new HashSet<int>();
            using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.Address }).Build())
            {
                foreach (var value in sent)   // one key: one partition, so order is guaranteed
                    partitions.Add((await producer.ProduceAsync(topic, new Message<string, string> { Key = "order-42", Value = value })).Partition.Value);
            }
            Assert.Single(partitions);

            var received = new List<string>();
            var consumerConfig = new ConsumerConfig
            {
                BootstrapServers = kafka.Address,
                GroupId = $"course-test-group-{Guid.NewGuid():N}",
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoCommit = false,
            };
            using (var consumer = new ConsumerBuilder<string, string>(consumerConfig).Build())
            {
                consumer.Subscribe(topic);
                var deadline = DateTime.UtcNow.AddSeconds(30);   // the group join takes ~3 s on the mock
                while (received.Count < sent.Count && DateTime.UtcNow < deadline)
                {
                    var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
                    if (result is null) continue;
                    received.Add(result.Message.Value);
                    consumer.Commit(result);
                }
                consumer.Close();
            }
            Assert.Equal(sent, received);

            await kafka.DisposeAsync();
            if (kafka.Mode == ServiceMode.Mock)   // the endpoint owned the cluster: disposing it ends the cluster
                Assert.False(await TcpProbe.AcceptsAsync(kafka.Host, kafka.Port, TimeSpan.FromSeconds(1), default));
        }
    }
}

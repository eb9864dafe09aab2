using Course.Coordination;
using Course.Queues.Kafka;

namespace Course.Queues.Tests;

[Collection(KafkaCollection.Name)]
public sealed class KafkaTests(KafkaFixture fixture)
{
    private static readonly string[] Customers = ["alice", "bob", "carol", "dave", "erin"];

    /// <summary>40 orders from 5 customers, produced in one burst (many requests in flight) by the idempotent producer.</summary>
    private static List<(string Key, string Value)> Orders() =>
        Enumerable.Range(0, 40).Select(i => (Customers[i % 5], $"{Customers[i % 5]}:{i / 5}")).ToList();

    [SkippableFact]
    public async Task Each_key_stays_in_one_partition_and_each_partition_keeps_the_send_order()
    {
        var bootstrap = fixture.Bootstrap;
        var topic = $"orders-{Guid.NewGuid():N}";
        var produced = await BurstProducer.ProduceAsync(bootstrap, topic, Orders());

        Assert.All(produced.GroupBy(p => p.Key), g => Assert.Single(g.Select(p => p.Partition).Distinct()));
        foreach (var partition in produced.Select(p => p.Partition).Distinct())
        {
            var read = KafkaLab.ReadPartition(bootstrap, topic, partition);
            Assert.Equal(Enumerable.Range(0, read.Count).Select(i => (long)i), read.Select(r => r.Offset));   // dense, from 0
            foreach (var key in read.Select(r => r.Key).Distinct())                                          // per key: 0, 1, 2, … in order
                Assert.Equal(Enumerable.Range(0, 8).Select(i => $"{key}:{i}"), read.Where(r => r.Key == key).Select(r => r.Value));
        }
        Assert.Equal(40, produced.Count);
    }

    [SkippableFact]
    public async Task A_consumer_group_delivers_every_message_once_across_its_members()
    {
        var bootstrap = fixture.Bootstrap;
        var topic = $"orders-{Guid.NewGuid():N}";
        // The group settles before the orders arrive: a member that joins while another is already processing triggers a
        // rebalance, and a commit refused during it gets messages processed twice — at-least-once, which the notebook
        // shows; this test pins the steady-state exactly-once delivery (seen in a full CI run when the orders came first).
        await KafkaLab.ProduceAsync(bootstrap, topic, [("warm-up", "warm-up")]);   // creates the topic (the mock has no admin API)
        await using var group = ConsumerGroup.Start(bootstrap, topic, $"fulfilment-{Guid.NewGuid():N}", consumers: 2);
        await group.WaitUntilAsync(g => g.Members.All(m => m.Assignment.Count > 0) && g.AllConsumed.Count >= 1, TimeSpan.FromSeconds(45));
        var produced = await BurstProducer.ProduceAsync(bootstrap, topic, Orders());
        await group.WaitUntilAsync(g => g.AllConsumed.Count >= 41, TimeSpan.FromSeconds(45));

        var consumed = group.AllConsumed.Where(c => c.Key != "warm-up").ToList();
        Assert.Equal(produced.Select(p => (p.Partition, p.Offset)).Order(), consumed.Select(c => (c.Partition, c.Offset)).Order());
        foreach (var member in group.Members)    // each member saw each of its partitions in offset order
            Assert.All(member.Consumed.GroupBy(c => c.Partition), g => Assert.Equal(g.Select(c => c.Offset).Order(), g.Select(c => c.Offset)));
    }

    [SkippableTheory]
    [InlineData(CommitStrategy.AtMostOnce, "m3", "")]
    [InlineData(CommitStrategy.AtLeastOnce, "", "m3")]
    public async Task A_crash_between_processing_and_committing_loses_or_duplicates_exactly_that_message(CommitStrategy strategy, string lost, string duplicated)
    {
        var result = await OffsetCommits.RunAsync(fixture.Bootstrap, strategy, messages: 8, crashAt: 3);

        Assert.Equal(lost, string.Join(",", result.Lost));
        Assert.Equal(duplicated, string.Join(",", result.Duplicated));
        var firstLife = strategy == CommitStrategy.AtMostOnce ? new[] { "m0", "m1", "m2" } : ["m0", "m1", "m2", "m3"];
        Assert.Equal(firstLife, result.Processed.Where(p => p.Life == 1).Select(p => p.Value));
        var secondLife = strategy == CommitStrategy.AtMostOnce ? new[] { "m4", "m5", "m6", "m7" } : ["m3", "m4", "m5", "m6", "m7"];
        Assert.Equal(secondLife, result.Processed.Where(p => p.Life == 2).Select(p => p.Value));
    }
}

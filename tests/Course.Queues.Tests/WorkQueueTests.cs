using System.Collections.Concurrent;
using Course.Queues.Rabbit;

namespace Course.Queues.Tests;

[Collection(BrokerCollection.Name)]
public sealed class WorkQueueTests(BrokerFixture fixture)
{
    [SkippableFact]
    public async Task No_message_is_lost_when_a_worker_dies_before_acking_it_is_redelivered_to_another()
    {
        await using var broker = await fixture.ConnectAsync();
        var queue = await broker.DeclareWorkQueueAsync("jobs");
        var timeline = new DeliveryTimeline();
        var done = new ConcurrentBag<string>();
        Func<string, string, Task<Verdict>> handle = (id, _) => { done.Add(id); return Task.FromResult(Verdict.Ack); };

        await using (var publisher = await ConfirmingPublisher.CreateAsync(broker))
            for (var i = 0; i < 10; i++)
                Assert.Equal(PublishOutcome.Acked, await publisher.SendAsync(queue.Name, $"job {i}", $"job-{i}"));

        // The doomed worker takes job-0 and job-1 (prefetch 2) and dies on its first, before processing or acking anything.
        var doomed = await Worker.StartAsync(broker, queue.Name, "doomed", handle, timeline, new WorkerOptions { Prefetch = 2, DieOnDelivery = 1 });
        await doomed.Died.WaitAsync(TimeSpan.FromSeconds(10));
        var survivor = await Worker.StartAsync(broker, queue.Name, "survivor", handle, timeline);
        try
        {
            await timeline.WaitUntilAsync(_ => done.Count >= 10, Timeout);
            Assert.Equal(Enumerable.Range(0, 10).Select(i => $"job-{i}").Order(), done.Order());   // each exactly once
            var redelivered = timeline.Events.Where(e => e.Step == DeliveryStep.Redelivered).Select(e => e.MessageId).Order();
            Assert.Equal(["job-0", "job-1"], redelivered);    // what the dead worker held, flagged by the broker
            Assert.Equal(0u, await broker.CountAsync(queue.Name));
            Assert.Empty(await broker.DrainAsync(queue.DeadLetters));
        }
        finally
        {
            await survivor.DisposeAsync();
            await doomed.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Rejected_messages_arrive_in_the_dead_letter_queue_with_the_reason()
    {
        await using var broker = await fixture.ConnectAsync();
        var queue = await broker.DeclareWorkQueueAsync("payments");
        var timeline = new DeliveryTimeline();
        var worker = await Worker.StartAsync(broker, queue.Name, "w", (_, text) =>
            Task.FromResult(text.Contains("poison") ? Verdict.Reject : Verdict.Ack), timeline);
        try
        {
            await using (var publisher = await ConfirmingPublisher.CreateAsync(broker))
                foreach (var (id, text) in new[] { ("p-1", "ok"), ("p-2", "poison: amount=-5"), ("p-3", "ok"), ("p-4", "poison: no card") })
                    await publisher.SendAsync(queue.Name, text, id);
            await timeline.WaitUntilAsync(_ => timeline.Count(DeliveryStep.Acked) + timeline.Count(DeliveryStep.Rejected) == 4, Timeout);

            var letters = await broker.DrainDeadLettersAsync(queue.DeadLetters);
            Assert.Equal(["p-2", "p-4"], letters.Select(l => l.MessageId));
            Assert.Equal(["poison: amount=-5", "poison: no card"], letters.Select(l => l.Text));
            Assert.All(letters, l => Assert.Equal(("rejected", queue.Name), (l.Reason, l.FromQueue)));
        }
        finally
        {
            await worker.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task A_requeued_message_comes_back_flagged_redelivered()
    {
        await using var broker = await fixture.ConnectAsync();
        var queue = await broker.DeclareWorkQueueAsync("flaky");
        var timeline = new DeliveryTimeline();
        var attempts = 0;
        var worker = await Worker.StartAsync(broker, queue.Name, "w", (_, _) =>
            Task.FromResult(Interlocked.Increment(ref attempts) < 3 ? Verdict.Requeue : Verdict.Ack), timeline);
        try
        {
            await using (var publisher = await ConfirmingPublisher.CreateAsync(broker))
                await publisher.SendAsync(queue.Name, "flaky job", "f-1");
            await timeline.WaitUntilAsync(_ => timeline.Count(DeliveryStep.Acked) == 1, Timeout);
            Assert.Equal([DeliveryStep.Received, DeliveryStep.Requeued, DeliveryStep.Redelivered, DeliveryStep.Requeued, DeliveryStep.Redelivered, DeliveryStep.Acked],
                timeline.Events.Select(e => e.Step));
        }
        finally
        {
            await worker.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Prefetch_bounds_what_a_slow_worker_holds_and_the_rest_go_to_the_fast_one()
    {
        await using var broker = await fixture.ConnectAsync();
        var queue = await broker.DeclareWorkQueueAsync("work");
        var timeline = new DeliveryTimeline();
        await using (var publisher = await ConfirmingPublisher.CreateAsync(broker))
            for (var i = 0; i < 30; i++) await publisher.SendAsync(queue.Name, $"{i}", $"m-{i}");
        Func<string, string, Task<Verdict>> ack = (_, _) => Task.FromResult(Verdict.Ack);

        var slow = await Worker.StartAsync(broker, queue.Name, "slow", ack, timeline, new WorkerOptions { Prefetch = 3, ProcessingTime = TimeSpan.FromMilliseconds(300) });
        var fast = await Worker.StartAsync(broker, queue.Name, "fast", ack, timeline, new WorkerOptions { Prefetch = 3 });
        try
        {
            await timeline.WaitUntilAsync(_ => timeline.Count(DeliveryStep.Acked) == 30, Timeout);
            Assert.Equal(3, slow.MaxInFlight);            // 30 were ready; the broker pushed it 3 and then waited for acks
            Assert.InRange(fast.MaxInFlight, 1, 3);
            Assert.True(fast.Deliveries > 20, $"fast worker handled {fast.Deliveries} of 30, slow {slow.Deliveries}");
        }
        finally
        {
            await slow.DisposeAsync();
            await fast.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task A_full_queue_nacks_publishes_beyond_its_length_the_publisher_sees_the_back_pressure()
    {
        await using var broker = await fixture.ConnectAsync();
        var queue = await broker.DeclareWorkQueueAsync("bounded", maxLength: 5);
        await using var publisher = await ConfirmingPublisher.CreateAsync(broker);

        var outcomes = new List<PublishOutcome>();
        for (var i = 0; i < 8; i++) outcomes.Add(await publisher.SendAsync(queue.Name, $"{i}", $"b-{i}"));

        Assert.Equal([.. Enumerable.Repeat(PublishOutcome.Acked, 5), .. Enumerable.Repeat(PublishOutcome.Nacked, 3)], outcomes);
        Assert.Equal(5u, await broker.CountAsync(queue.Name));
        Assert.Equal(["b-0", "b-1", "b-2", "b-3", "b-4"], (await broker.DrainAsync(queue.Name)).Select(m => m.MessageId));
    }

    [SkippableFact]
    public async Task An_unroutable_mandatory_message_is_returned_not_silently_dropped()
    {
        await using var broker = await fixture.ConnectAsync();
        await using var publisher = await ConfirmingPublisher.CreateAsync(broker);
        Assert.Equal(PublishOutcome.Returned, await publisher.SendAsync(broker.Name("no-such-queue"), "hello"));
        Assert.Equal((0L, 1L), (publisher.Acked, publisher.Returned));
    }

    [SkippableFact]
    public async Task Checkout_fulfils_every_order_exactly_once_although_a_worker_dies_after_shipping_one()
    {
        await using var broker = await fixture.ConnectAsync();

        var result = await Checkout.RunAsync(broker, new CheckoutOptions { Orders = 12, Workers = 3, FirstWorkerDiesOnDelivery = 2 });

        Assert.Equal((12, 12, 12), (result.Placed, result.Fulfilled, result.Acknowledged));
        Assert.Equal(1, result.Redeliveries);         // the order worker-1 shipped but never acknowledged…
        Assert.Equal(1, result.DuplicatesCaught);     // …came back, and idempotent fulfilment did not ship it again
        var died = Assert.Single(result.Timeline, e => e.Step == DeliveryStep.Died);
        Assert.Equal("worker-1", died.Worker);
        Assert.Contains(result.Timeline, e => e.Step == DeliveryStep.Redelivered && e.MessageId == died.MessageId && e.Worker != "worker-1");
        Assert.Equal(12, result.FulfilledByWorker.Values.Sum());
    }

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Course.Distributed.Transactions.Sagas;
using Xunit.Abstractions;

namespace Course.Distributed.Messaging.Tests;

/// <summary>
/// W3C trace context through the saga's messages: the publishing host writes traceparent into the AMQP headers, the
/// consuming host continues that trace in a consumer span, so a saga placed inside a span is one trace.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class TraceContextTests(BrokerFixture fixture, ITestOutputHelper output)
{
    private static readonly ActivitySource Test = new("Course.Distributed.Messaging.Tests");

    [SkippableTheory]
    [InlineData(SagaStyle.Orchestrated)]
    [InlineData(SagaStyle.Choreographed)]
    public async Task ASagaPlacedInsideASpanIsOneTraceAndEachConsumerIsAChildOfThePublishOfItsMessage(SagaStyle style)
    {
        Skip.IfNot(fixture.Broker.IsAvailable, fixture.Broker.Description);
        using var spans = new SpanRecorder(SagaTracing.SourceName, Test.Name);
        await using var deployment = await RabbitSagaDeployment.StartAsync(fixture.Broker.ConnectionString, style);

        OrderId order;
        ActivityContext root;
        Activity.Current = null;
        using (var placing = Test.StartActivity("place an order"))
        {
            Assert.NotNull(placing);
            root = placing.Context;
            order = await deployment.PlaceOrderAsync(SagaScenarios.OrderThat(SagaFailure.None));
        }
        Assert.True(await deployment.WaitUntilSettledAsync(SagaOverRabbitMqTests.Settle), string.Join("\n", deployment.Log.TakeLast(30)));
        // A span is recorded when it ends, just after the ack or the confirm: wait (bounded) until every publish of the
        // order has its consumers and every consumer its publish.
        spans.WaitUntil(all => Complete(all.Where(s => s.GetTagItem(SagaTracing.OrderTag) as string == order.ToString()).ToList()), TimeSpan.FromSeconds(10));

        var ofOrder = spans.All.Where(s => s.GetTagItem(SagaTracing.OrderTag) as string == order.ToString()).ToList();
        foreach (var s in ofOrder.OrderBy(s => s.StartTimeUtc)) output.WriteLine(Describe(s));
        var consumers = ofOrder.Where(s => s.Kind == ActivityKind.Consumer).ToList();
        var producers = ofOrder.Where(s => s.Kind == ActivityKind.Producer).ToList();

        Assert.NotEmpty(consumers);
        Assert.All(ofOrder, s => Assert.Equal(root.TraceId, s.TraceId));
        // Every service took part, each handling its messages in the one trace.
        Assert.Equal(deployment.Hosts.Keys.Order(), consumers.Select(Service).Distinct().Order());

        // Each consumer span is a child of the span that published the message it handled...
        Assert.All(consumers, c =>
        {
            var publish = Assert.Single(producers, p => MessageId(p) == MessageId(c));
            Assert.Equal(publish.SpanId, c.ParentSpanId);
            Assert.NotEqual(Service(publish), Service(c));
        });
        // ...and each publish a child of the span its message was emitted in: the customer's for the order, else the
        // consumer span (in the same service) that handled the message it answers.
        var placeOrder = Assert.Single(producers, p => p.DisplayName == $"{nameof(PlaceOrder)} publish");
        Assert.Equal(root.SpanId, placeOrder.ParentSpanId);
        Assert.All(producers.Where(p => p != placeOrder), p =>
        {
            var emittedIn = Assert.Single(consumers, c => c.SpanId == p.ParentSpanId);
            Assert.Equal(Service(emittedIn), Service(p));
        });
        Assert.True(producers.Count > 3, $"only {producers.Count} messages published");
    }

    [SkippableFact]
    public async Task WhatAHostCommittedBeforeItDiedIsPublishedByItsSuccessorInTheTraceItWasEmittedIn()
    {
        Skip.IfNot(fixture.Broker.IsAvailable, fixture.Broker.Description);
        using var spans = new SpanRecorder(SagaTracing.SourceName, Test.Name);
        var fired = 0;
        var hostOptions = new RabbitHostOptions
        {
            DieAt = (endpoint, message, at) => endpoint == SagaEndpoints.Payments && message is ReservePayment && at == DeliveryStage.Committed
                                               && Interlocked.Exchange(ref fired, 1) == 0,
        };
        await using var deployment = await RabbitSagaDeployment.StartAsync(fixture.Broker.ConnectionString, SagaStyle.Orchestrated, hostOptions: hostOptions);
        var dying = deployment.Hosts[SagaEndpoints.Payments];
        OrderId order;
        ActivityContext root;
        Activity.Current = null;
        using (var placing = Test.StartActivity("place an order"))
        {
            root = placing!.Context;
            order = await deployment.PlaceOrderAsync(SagaScenarios.OrderThat(SagaFailure.None));
        }
        await dying.Died.WaitAsync(TimeSpan.FromSeconds(15));
        await deployment.StopServiceAsync(SagaEndpoints.Payments); // PaymentReserved is committed, in the outbox, not published
        await deployment.StartServiceAsync(SagaEndpoints.Payments);
        Assert.True(await deployment.WaitUntilSettledAsync(SagaOverRabbitMqTests.Settle), string.Join("\n", deployment.Log.TakeLast(30)));
        spans.WaitUntil(all => Complete(all.Where(s => s.GetTagItem(SagaTracing.OrderTag) as string == order.ToString()).ToList()), TimeSpan.FromSeconds(10));

        var ofOrder = spans.All.Where(s => s.GetTagItem(SagaTracing.OrderTag) as string == order.ToString()).ToList();
        foreach (var s in ofOrder.OrderBy(s => s.StartTimeUtc)) output.WriteLine(Describe(s));
        Assert.All(ofOrder, s => Assert.Equal(root.TraceId, s.TraceId));
        // The dead host handled ReservePayment in a span; its successor published the reply as that span's child.
        var handled = Assert.Single(ofOrder, s => s.Kind == ActivityKind.Consumer && s.DisplayName == $"{nameof(ReservePayment)} process"
                                                  && s.GetTagItem("saga.delivery") as string == nameof(DeliveryStatus.Processed));
        var reply = Assert.Single(ofOrder, s => s.Kind == ActivityKind.Producer && Service(s) == SagaEndpoints.Payments);
        Assert.Equal(handled.SpanId, reply.ParentSpanId);
        // The redelivery (a duplicate for the successor) is a second child of the same publish.
        var redelivered = Assert.Single(ofOrder, s => s.Kind == ActivityKind.Consumer && s.DisplayName == $"{nameof(ReservePayment)} process"
                                                      && s.GetTagItem("saga.delivery") as string == nameof(DeliveryStatus.Duplicate));
        Assert.Equal(handled.ParentSpanId, redelivered.ParentSpanId);
    }

    [SkippableFact]
    public async Task AMessageWithoutTraceContextIsHandledAndStartsATraceOfItsOwn()
    {
        Skip.IfNot(fixture.Broker.IsAvailable, fixture.Broker.Description);
        using var spans = new SpanRecorder(SagaTracing.SourceName, Test.Name);
        RabbitSagaDeployment deployment;
        ActivityTraceId ambient;
        // Started inside a span: the client library's consumer loops inherit it as their ambient context, which must not
        // become the parent of a delivery that carries no context of its own.
        Activity.Current = null;
        using (var starting = Test.StartActivity("start the services"))
        {
            Assert.NotNull(starting);
            ambient = starting.TraceId;
            deployment = await RabbitSagaDeployment.StartAsync(fixture.Broker.ConnectionString, SagaStyle.Orchestrated);
        }
        await using var _ = deployment;

        var untraced = new PlaceOrder(new OrderId(900), SagaScenarios.OrderThat(SagaFailure.None)) { Id = "untraced-1" };
        await deployment.PublishRawAsync(untraced.Kind, SagaJson.Encode(untraced), messageId: untraced.Id); // no headers at all
        var client = deployment.Hosts[SagaEndpoints.Client];
        var deadline = DateTime.UtcNow + SagaOverRabbitMqTests.Settle;
        while (!client.Inspect(e => ((ClientHandler)e.Handler).Outcomes.ContainsKey(untraced.Order)) && DateTime.UtcNow < deadline) await Task.Delay(25);
        Assert.True(client.Inspect(e => ((ClientHandler)e.Handler).Outcomes.TryGetValue(untraced.Order, out var o) && o.Approved),
            $"the untraced order was not handled\n{string.Join("\n", deployment.Log.TakeLast(30))}");
        spans.WaitUntil(all => all.Any(s => Service(s) == SagaEndpoints.Client && s.Kind == ActivityKind.Consumer
                                            && s.GetTagItem(SagaTracing.OrderTag) as string == untraced.Order.ToString()), TimeSpan.FromSeconds(10));

        var ofOrder = spans.All.Where(s => s.GetTagItem(SagaTracing.OrderTag) as string == untraced.Order.ToString()).ToList();
        foreach (var s in ofOrder.OrderBy(s => s.StartTimeUtc)) output.WriteLine(Describe(s));
        var first = Assert.Single(ofOrder, s => s.Kind == ActivityKind.Consumer && MessageId(s) == untraced.Id);
        Assert.Equal(SagaEndpoints.Orchestrator, Service(first));
        Assert.Equal(default, first.ParentSpanId);   // a root...
        Assert.NotEqual(ambient, first.TraceId);     // ...of a new trace, not of the ambient span
        // The rest of the saga continues the trace the first delivery started.
        Assert.True(ofOrder.Count(s => s.Kind == ActivityKind.Consumer) > 1);
        Assert.All(ofOrder, s => Assert.Equal(first.TraceId, s.TraceId));
    }

    /// <summary>Every publish has been consumed, and every consumer's publish has ended.</summary>
    private static bool Complete(IReadOnlyList<Activity> spans)
    {
        var published = spans.Where(s => s.Kind == ActivityKind.Producer).Select(MessageId).ToHashSet();
        var consumed = spans.Where(s => s.Kind == ActivityKind.Consumer).Select(MessageId).ToHashSet();
        return published.Count > 0 && published.SetEquals(consumed);
    }

    private static string? Service(Activity span) => span.GetTagItem(SagaTracing.ServiceTag) as string;
    private static string? MessageId(Activity span) => span.GetTagItem(SagaTracing.MessageIdTag) as string;

    private static string Describe(Activity s) =>
        $"{s.TraceId} {s.SpanId} ← {s.ParentSpanId} {s.Kind,-8} {Service(s),-12} {s.DisplayName} #{MessageId(s)}";

    /// <summary>Every span of the given sources, sampled with all data, recorded when it ends.</summary>
    private sealed class SpanRecorder : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<Activity> _ended = new();

        public SpanRecorder(params string[] sources)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => sources.Contains(source.Name),
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = _ended.Enqueue,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<Activity> All => [.. _ended];

        /// <summary>Polls until <paramref name="condition"/> holds or <paramref name="timeout"/> passes (the assertions then say what is missing).</summary>
        public void WaitUntil(Func<IReadOnlyList<Activity>, bool> condition, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!condition(All) && DateTime.UtcNow < deadline) Thread.Sleep(25);
        }

        public void Dispose() => _listener.Dispose();
    }
}

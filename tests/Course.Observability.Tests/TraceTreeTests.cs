using System.Diagnostics;
using Course.Observability.Tracing;

namespace Course.Observability.Tests;

public sealed class TraceTreeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static SpanRecord Span(string id, string? parent, string service, int startMs, int durationMs, string trace = "t1") =>
        new(trace, id, parent, service, id, ActivityKind.Internal, T0.AddMilliseconds(startMs), TimeSpan.FromMilliseconds(durationMs),
            ActivityStatusCode.Unset, null, new Dictionary<string, string>(), new Dictionary<string, string>());

    [Fact]
    public void Self_time_subtracts_children_counting_overlaps_once()
    {
        var root = Span("root", null, "a", 0, 100);
        var tree = TraceTree.Build([root, Span("c1", "root", "b", 10, 30), Span("c2", "root", "b", 20, 30), Span("c3", "root", "c", 70, 10)]);
        // children cover 10..50 (c1 ∪ c2) and 70..80: 50 ms of the root's 100
        Assert.Equal(TimeSpan.FromMilliseconds(50), tree.SelfTime(root));
        Assert.Equal(TimeSpan.FromMilliseconds(100), tree.Duration);
    }

    [Fact]
    public void The_waterfall_is_depth_first_with_siblings_by_start_and_orphans_kept_as_roots()
    {
        var tree = TraceTree.Build([
            Span("late", "root", "b", 50, 10), Span("root", null, "a", 0, 100), Span("early", "root", "b", 5, 10),
            Span("grand", "early", "c", 6, 2), Span("orphan", "never-collected", "d", 30, 5)]);
        Assert.Equal(["root", "early", "grand", "late", "orphan"], tree.Waterfall().Select(r => r.Span.SpanId));
        Assert.Equal([0, 1, 2, 1, 0], tree.Waterfall().Select(r => r.Depth));
        Assert.Equal(["root", "orphan"], tree.Roots.Select(r => r.SpanId));
    }

    [Fact]
    public void Spans_of_two_traces_cannot_form_one_tree()
    {
        var error = Assert.Throws<ArgumentException>(() => TraceTree.Build([Span("a", null, "x", 0, 1, "t1"), Span("b", null, "x", 0, 1, "t2")]));
        Assert.Contains("2 traces", error.Message);
        Assert.Throws<ArgumentException>(() => TraceTree.Build([]));
    }

    [Fact]
    public void The_service_map_counts_cross_service_calls_and_their_errors_only()
    {
        var failed = Span("c2", "root", "b", 20, 10) with { Status = ActivityStatusCode.Error };
        var edges = ServiceMap.From([Span("root", null, "a", 0, 100), Span("c1", "root", "b", 10, 20), failed, Span("self", "root", "a", 40, 5)]);
        var edge = Assert.Single(edges);
        Assert.Equal(("a", "b", 2, 1, TimeSpan.FromMilliseconds(15)), (edge.From, edge.To, edge.Calls, edge.Errors, edge.MeanDuration));
    }

    [Fact]
    public void Message_headers_carry_trace_context_and_baggage_also_as_bytes_as_RabbitMQ_returns_them()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == MessageTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var headers = new Dictionary<string, object?>();
        OpenTelemetry.Baggage.SetBaggage("tenant", "acme");
        using var publish = MessageTracing.StartPublish("orders", headers)!;
        Assert.Equal($"00-{publish.TraceId}-{publish.SpanId}-01", headers["traceparent"]);

        var asBytes = headers.ToDictionary(h => h.Key, h => (object?)System.Text.Encoding.UTF8.GetBytes((string)h.Value!));
        var context = MessageTracing.Extract(asBytes);
        Assert.Equal(publish.TraceId, context.ActivityContext.TraceId);
        Assert.Equal(publish.SpanId, context.ActivityContext.SpanId);
        Assert.Equal("acme", context.Baggage.GetBaggage("tenant"));
        Assert.Equal(default, MessageTracing.Extract(new Dictionary<string, object?> { ["traceparent"] = "garbage" }).ActivityContext);
    }

    [Fact]
    public void The_error_origin_is_the_failed_span_without_a_failed_child()
    {
        static SpanRecord Failed(SpanRecord s) => s with { Status = ActivityStatusCode.Error };
        var tree = TraceTree.Build([
            Failed(Span("gateway", null, "gateway", 0, 50)), Failed(Span("orders", "gateway", "orders", 1, 48)),
            Span("catalog", "orders", "catalog", 2, 10),                       // fine
            Failed(Span("pay-client", "orders", "orders", 15, 20)), Failed(Span("payments", "pay-client", "payments", 16, 2)),
            Failed(Span("audit", "orders", "orders", 40, 5))]);                  // a second, independent failure with no children
        Assert.Equal(["payments", "audit"], tree.ErrorOrigins().Select(s => s.SpanId));
        Assert.Empty(TraceTree.Build([Span("ok", null, "a", 0, 1)]).ErrorOrigins());
    }
}

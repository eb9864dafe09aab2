using Course.Queues;
using Course.Queues.Kafka;
using Course.Queues.Rabbit;
using Plotly.NET;

namespace Course.Notebooks.Queues;

/// <summary>Charts and tables for the message-queue notebook.</summary>
public static class QueueCharts
{
    private static readonly IReadOnlyDictionary<string, string> Colors = new Dictionary<string, string>
    {
        ["delivered → acked"] = "#2e7d32",
        ["redelivered → acked"] = "#f9a825",
        ["duplicate (already done) → acked"] = "#fb8c00",
        ["worker died holding it"] = "#c62828",
        ["rejected → dead-letter queue"] = "#6a1b9a",
        ["requeued"] = "#90a4ae",
    };

    /// <summary>
    /// One lane per worker; one bar per delivery, from the moment the worker got the message to what became of it,
    /// coloured by outcome. A red bar followed by a yellow one elsewhere is a redelivery.
    /// </summary>
    public static GenericChart RedeliveryTimeline(IReadOnlyList<DeliveryEvent> events, string title = "Deliveries per worker (hover: message id)")
    {
        ArgumentNullException.ThrowIfNull(events);
        var segments = new List<LaneSegment>();
        var open = new Dictionary<(string Worker, string Id), (double At, bool Redelivered, bool Duplicate)>();
        foreach (var e in events.OrderBy(e => e.AtMs))
        {
            var key = (e.Worker, e.MessageId);
            switch (e.Step)
            {
                case DeliveryStep.Received or DeliveryStep.Redelivered:
                    open[key] = (e.AtMs, e.Step == DeliveryStep.Redelivered, false);
                    break;
                case DeliveryStep.Duplicate when open.TryGetValue(key, out var o):
                    open[key] = o with { Duplicate = true };
                    break;
                case DeliveryStep.Acked or DeliveryStep.Died or DeliveryStep.Rejected or DeliveryStep.Requeued when open.Remove(key, out var start):
                    var category = e.Step switch
                    {
                        DeliveryStep.Died => "worker died holding it",
                        DeliveryStep.Rejected => "rejected → dead-letter queue",
                        DeliveryStep.Requeued => "requeued",
                        _ when start.Duplicate => "duplicate (already done) → acked",
                        _ when start.Redelivered => "redelivered → acked",
                        _ => "delivered → acked",
                    };
                    segments.Add(new LaneSegment(e.Worker, start.At, Math.Max(e.AtMs, start.At + 1), category, e.MessageId));
                    break;
            }
        }
        return Charts.Lanes(title, "ms since the first publish", segments, Colors);
    }

    /// <summary>The delivery log as a table (the first <paramref name="max"/> events).</summary>
    public static Table Events(IReadOnlyList<DeliveryEvent> events, int max = 60)
    {
        var table = new Table($"Delivery log ({Math.Min(max, events.Count)} of {events.Count} events)", "ms", "worker", "message", "step");
        foreach (var e in events.Take(max)) table.Add($"{e.AtMs:0.0}", e.Worker, e.MessageId, e.Step);
        return table;
    }

    public static Table Comparison()
    {
        var table = new Table("RabbitMQ vs Kafka", "aspect", "RabbitMQ", "Kafka");
        foreach (var row in QueueComparison.Rows) table.Add(row.Aspect, row.RabbitMq, row.Kafka);
        return table;
    }

    /// <summary>Which messages each incarnation of the consumer processed, and what was lost or duplicated.</summary>
    public static Table Offsets(params OffsetRunResult[] runs)
    {
        var table = new Table("A crash between processing and committing", "strategy", "life 1 (crashes)", "life 2 (resumes at the committed offset)", "lost", "processed twice");
        foreach (var r in runs)
            table.Add(r.Strategy, Values(r, 1), Values(r, 2), r.Lost.Count == 0 ? "—" : string.Join(", ", r.Lost), r.Duplicated.Count == 0 ? "—" : string.Join(", ", r.Duplicated));
        return table;

        static string Values(OffsetRunResult r, int life) => string.Join(" ", r.Processed.Where(p => p.Life == life).Select(p => p.Value));
    }
}

using System.Diagnostics;
using System.Text;
using Course.Distributed.Transactions.Sagas;

namespace Course.Distributed.Messaging;

/// <summary>
/// W3C trace context through the saga's messages (Trace Context and Baggage in the AMQP headers; OpenTelemetry
/// messaging conventions for span names, kinds and tags). A host publishes each message in a producer span
/// (<c>"{kind} publish"</c>) whose parent is the span in which the message was emitted, and writes that span's
/// context into the headers; the consumer extracts it and handles the message in a consumer span
/// (<c>"{kind} process"</c>), a child of the publish — or the root of a new trace when the message carries none.
/// Same wire format and the same source name as <c>Course.Observability.Tracing.MessageTracing</c>, so the course's
/// telemetry (which listens to <see cref="SourceName"/>) sees both; written on System.Diagnostics alone because this
/// library depends on Course.Distributed and RabbitMQ.Client only (Course.Observability brings ASP.NET Core and
/// OpenTelemetry's SDK and exporters with it).
/// </summary>
public static class SagaTracing
{
    /// <summary>The activity source of the publish and process spans (the name <c>MessageTracing</c> uses as well).</summary>
    public const string SourceName = "Course.Messaging";

    /// <summary>The span tag naming the service that did the work (<c>ServiceAttribution.Tag</c> in Course.Observability).</summary>
    public const string ServiceTag = "service.name";

    /// <summary>The span tag carrying the order a saga message is about.</summary>
    public const string OrderTag = "saga.order";

    public const string MessageIdTag = "messaging.message.id";

    public static readonly ActivitySource Source = new(SourceName);

    private static readonly DistributedContextPropagator Propagator = DistributedContextPropagator.CreateW3CPropagator();

    /// <summary>
    /// The context a message is emitted in, as the headers that carry it: <paramref name="activity"/>'s when there
    /// is a span, else <paramref name="passThrough"/> (what the message being handled carried, so an unsampled hop
    /// does not break the trace). Null: no context (the message will start a trace of its own).
    /// </summary>
    internal static Dictionary<string, string>? Capture(Activity? activity, Dictionary<string, string>? passThrough = null)
    {
        if (activity is null) return passThrough;
        var carrier = new Dictionary<string, string>(StringComparer.Ordinal);
        Propagator.Inject(activity, carrier, static (c, key, value) => ((Dictionary<string, string>)c!)[key] = value);
        return carrier.Count > 0 ? carrier : passThrough;
    }

    /// <summary>
    /// Starts the producer span of <paramref name="message"/>, child of <paramref name="emittedIn"/> (see <see cref="Capture"/>)
    /// — never of whatever span happens to be current, since one delivery may publish what another emitted — and writes
    /// its context into <paramref name="headers"/>. Unsampled: the emitting context goes into the headers unchanged.
    /// Call it in an async method of its own: it changes <see cref="Activity.Current"/>. Dispose after the broker confirmed.
    /// </summary>
    internal static Activity? StartPublish(SagaMessage message, string exchange, string service,
        IReadOnlyDictionary<string, string>? emittedIn, IDictionary<string, object?> headers)
    {
        var (parent, baggage) = Extract(emittedIn);
        Activity.Current = null;
        var activity = Source.StartActivity($"{message.Kind} publish", ActivityKind.Producer, parent);
        if (activity is null)
        {
            if (emittedIn is not null)
                foreach (var (key, value) in emittedIn) headers[key] = value;
            return null;
        }
        foreach (var (key, value) in baggage) activity.AddBaggage(key, value);
        activity.SetTag(ServiceTag, service);
        Tag(activity, "send", exchange, message.Kind, message.Id, message.Order);
        Propagator.Inject(activity, headers, static (carrier, key, value) => ((IDictionary<string, object?>)carrier!)[key] = value);
        return activity;
    }

    /// <summary>
    /// Starts the consumer span of a delivery, child of the context in its <paramref name="headers"/>, or the root of a new
    /// trace when they carry none (never a child of an ambient span). It becomes <see cref="Activity.Current"/>.
    /// <paramref name="incoming"/> is the delivery's trace headers as text (the pass-through for <see cref="Capture"/>).
    /// </summary>
    internal static Activity? StartProcess(string routingKey, string exchange, string service, IDictionary<string, object?>? headers,
        out Dictionary<string, string>? incoming)
    {
        incoming = null;
        if (headers is not null)
            foreach (var field in Propagator.Fields)
                if (headers.TryGetValue(field, out var value) && AsText(value) is { } text)
                    (incoming ??= new Dictionary<string, string>(StringComparer.Ordinal))[field] = text;
        var (parent, baggage) = Extract(incoming);
        Activity.Current = null;
        var activity = Source.StartActivity($"{routingKey} process", ActivityKind.Consumer, parent);
        if (activity is null) return null;
        foreach (var (key, value) in baggage) activity.AddBaggage(key, value);
        activity.SetTag(ServiceTag, service);
        Tag(activity, "process", exchange, routingKey, null, null);
        return activity;
    }

    /// <summary>What the consumer learned once the body was decoded.</summary>
    internal static void Describe(Activity? activity, SagaMessage message)
    {
        if (activity is null) return;
        activity.SetTag(MessageIdTag, message.Id);
        activity.SetTag(OrderTag, message.Order.ToString());
    }

    private static void Tag(Activity activity, string operation, string exchange, string routingKey, string? messageId, OrderId? order)
    {
        activity.SetTag("messaging.system", "rabbitmq");
        activity.SetTag("messaging.operation.type", operation);
        activity.SetTag("messaging.destination.name", exchange);
        activity.SetTag("messaging.rabbitmq.destination.routing_key", routingKey);
        if (messageId is { Length: > 0 }) activity.SetTag(MessageIdTag, messageId);
        if (order is { } o) activity.SetTag(OrderTag, o.ToString());
    }

    private static (ActivityContext Parent, IEnumerable<KeyValuePair<string, string?>> Baggage) Extract(IReadOnlyDictionary<string, string>? carrier)
    {
        if (carrier is null) return (default, []);
        Propagator.ExtractTraceIdAndState(carrier, Read, out var traceParent, out var traceState);
        var parent = ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
        // Activity.AddBaggage puts an item first: add them last to first to keep their order on the next hop.
        return (parent, (Propagator.ExtractBaggage(carrier, Read) ?? []).Reverse().ToArray());
    }

    private static void Read(object? carrier, string key, out string? value, out IEnumerable<string>? values)
    {
        value = (carrier as IReadOnlyDictionary<string, string>)?.GetValueOrDefault(key);
        values = null;
    }

    // RabbitMQ hands string headers back to a consumer as byte[] (AMQP long strings); accept both.
    private static string? AsText(object? value) => value switch
    {
        string s => s,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        ReadOnlyMemory<byte> memory => Encoding.UTF8.GetString(memory.Span),
        _ => null,
    };
}

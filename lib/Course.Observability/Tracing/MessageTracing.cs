using System.Diagnostics;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace Course.Observability.Tracing;

/// <summary>
/// W3C trace context across a message broker. HTTP and gRPC instrumentation carry <c>traceparent</c> in request
/// headers for free; a queue does not, so the producer injects it into the message's headers and the consumer
/// extracts it (W3C Trace Context §3; OpenTelemetry messaging semantic conventions for span names and kinds).
/// Works on any header dictionary (RabbitMQ's <c>IBasicProperties.Headers</c>, Kafka headers copied into one).
/// </summary>
public static class MessageTracing
{
    public const string SourceName = "Course.Messaging";
    public static readonly ActivitySource Source = new(SourceName);

    private static readonly TextMapPropagator Propagator =
        new CompositeTextMapPropagator([new TraceContextPropagator(), new BaggagePropagator()]);

    /// <summary>
    /// Starts the producer span (<c>"{destination} publish"</c>) and writes its context into <paramref name="headers"/>.
    /// Dispose the span after the broker confirmed the publish.
    /// </summary>
    public static Activity? StartPublish(string destination, IDictionary<string, object?> headers, string system = "rabbitmq")
    {
        ArgumentNullException.ThrowIfNull(headers);
        var activity = Source.StartActivity($"{destination} publish", ActivityKind.Producer);
        activity?.SetTag("messaging.system", system);
        activity?.SetTag("messaging.destination.name", destination);
        activity?.SetTag("messaging.operation.type", "send");
        // Inject even when this span is not sampled: the current context (if any) still travels on.
        var context = activity?.Context ?? Activity.Current?.Context ?? default;
        Propagator.Inject(new PropagationContext(context, Baggage.Current), headers,
            static (carrier, key, value) => carrier[key] = value);
        return activity;
    }

    /// <summary>
    /// Starts the consumer span (<c>"{source} process"</c>) as a child of the context found in <paramref name="headers"/>
    /// (a new trace when there is none) and makes the producer's baggage current.
    /// </summary>
    public static Activity? StartProcess(string source, IReadOnlyDictionary<string, object?>? headers, string service, string system = "rabbitmq")
    {
        var parent = Extract(headers);
        Baggage.Current = parent.Baggage;
        var activity = Source.StartActivity($"{source} process", ActivityKind.Consumer, parent.ActivityContext);
        ServiceAttribution.Set(activity, service);
        activity?.SetTag("messaging.system", system);
        activity?.SetTag("messaging.destination.name", source);
        activity?.SetTag("messaging.operation.type", "process");
        return activity;
    }

    /// <summary>The trace context and baggage carried by a message's headers (default when none or malformed).</summary>
    public static PropagationContext Extract(IReadOnlyDictionary<string, object?>? headers) =>
        headers is null ? default : Propagator.Extract(default, headers, static (carrier, key) =>
            carrier.TryGetValue(key, out var value) && AsText(value) is { } text ? [text] : []);

    // RabbitMQ hands string headers back to a consumer as byte[] (AMQP long strings); accept both.
    private static string? AsText(object? value) => value switch
    {
        string s => s,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        ReadOnlyMemory<byte> memory => Encoding.UTF8.GetString(memory.Span),
        _ => null,
    };
}

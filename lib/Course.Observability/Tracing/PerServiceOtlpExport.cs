using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Course.Observability.Tracing;

/// <summary>
/// OTLP export for a lab where several services share one process. A backend such as Jaeger groups spans by the
/// <c>service.name</c> of the <em>Resource</em> they were exported under (one per process in production), not by a span
/// tag; one exporter for the whole lab would show every span as one service. So each service gets its own sink: a tracer
/// provider with that service's Resource, holding a batch processor and an OTLP exporter, and each finished span is
/// routed to the sink of its <see cref="ServiceAttribution"/>. Batching keeps export off the request path.
/// </summary>
internal sealed class PerServiceOtlpExport(TelemetryOptions options) : BaseProcessor<Activity>
{
    private readonly Dictionary<string, (TracerProvider Sink, BaseProcessor<Activity> Batch)> _sinks = new();
    private readonly object _gate = new();
    private bool _shutDown;

    public override void OnEnd(Activity activity)
    {
        if (!activity.Recorded) return;
        SinkFor(ServiceAttribution.Of(activity))?.OnEnd(activity);
    }

    private BaseProcessor<Activity>? SinkFor(string service)
    {
        lock (_gate)
        {
            if (_shutDown) return null;
            if (_sinks.TryGetValue(service, out var existing)) return existing.Batch;
            var exporter = new OtlpTraceExporter(new OtlpExporterOptions
            {
                Endpoint = options.OtlpTracesEndpoint ?? throw new InvalidOperationException("no OTLP endpoint configured"),
                Protocol = options.OtlpProtocol,
                TimeoutMilliseconds = (int)options.ExportTimeout.TotalMilliseconds,
            });
            // The batch processor starts its export thread now, inside some span's OnEnd: without SuppressFlow the thread
            // would inherit that span as Activity.Current, and every export's HTTP call would be traced into the trace it exports.
            BatchActivityExportProcessor batch;
            using (ExecutionContext.SuppressFlow()) batch = new BatchActivityExportProcessor(exporter);
            // Added to a provider, the processor's exporter takes that provider's Resource: this service's name.
            var sink = Sdk.CreateTracerProviderBuilder()
                .ConfigureResource(r => r.AddService(service).AddAttributes([new("course.lab", true)]))
                .AddProcessor(batch)
                .Build();
            _sinks[service] = (sink, batch);
            return batch;
        }
    }

    protected override bool OnForceFlush(int timeoutMilliseconds)
    {
        TracerProvider[] sinks;
        lock (_gate) sinks = _sinks.Values.Select(s => s.Sink).ToArray();
        return sinks.All(s => s.ForceFlush(timeoutMilliseconds));
    }

    protected override bool OnShutdown(int timeoutMilliseconds)
    {
        TracerProvider[] sinks;
        lock (_gate)
        {
            _shutDown = true;
            sinks = _sinks.Values.Select(s => s.Sink).ToArray();
            _sinks.Clear();
        }
        var ok = true;
        foreach (var sink in sinks)
        {
            ok &= sink.Shutdown(timeoutMilliseconds);
            sink.Dispose();
        }
        return ok;
    }
}

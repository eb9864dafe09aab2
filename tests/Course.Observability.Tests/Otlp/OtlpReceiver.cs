using System.Collections.Concurrent;
using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;

namespace Course.Observability.Tests.Otlp;

/// <summary>One span as a collector received it: the Resource's service.name it came under, and the span.</summary>
internal sealed record ReceivedSpan(string Service, string TraceId, string SpanId, string? ParentSpanId, string Name, SpanKind Kind);

/// <summary>
/// A minimal OTLP trace collector on 127.0.0.1, decoding what it receives and keeping the spans. Over HTTP it accepts
/// <c>POST /v1/traces</c> with a protobuf ExportTraceServiceRequest (Jaeger's port 4318); over gRPC it serves
/// <c>TraceService/Export</c> on cleartext HTTP/2 (Jaeger's port 4317).
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private int _requests;

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The collector's base address (no path: the lab adds /v1/traces).</summary>
    public Uri Address => new(_app.Urls.First());
    public IReadOnlyCollection<ReceivedSpan> Spans => _spans;
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<OtlpReceiver> StartAsync(OtlpExportProtocol protocol = OtlpExportProtocol.HttpProtobuf)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        OtlpReceiver? receiver = null;
        if (protocol == OtlpExportProtocol.Grpc)
        {
            // gRPC without TLS needs HTTP/2 with prior knowledge (h2c): an HTTP/2-only endpoint.
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
            builder.Services.AddGrpc();
            builder.Services.AddSingleton(_ => new TraceServiceImpl(receiver!));
        }
        else
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        var app = builder.Build();
        receiver = new OtlpReceiver(app);
        if (protocol == OtlpExportProtocol.Grpc)
            app.MapGrpcService<TraceServiceImpl>();
        else
            app.MapPost("/v1/traces", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                receiver.Add(ExportTraceServiceRequest.Parser.ParseFrom(body.ToArray()));
                return Results.Bytes([], "application/x-protobuf");   // an empty ExportTraceServiceResponse: all accepted
            });
        await app.StartAsync();
        return receiver;
    }

    private sealed class TraceServiceImpl(OtlpReceiver receiver) : TraceService.TraceServiceBase
    {
        public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
        {
            receiver.Add(request);
            return Task.FromResult(new ExportTraceServiceResponse());
        }
    }

    private void Add(ExportTraceServiceRequest request)
    {
        Interlocked.Increment(ref _requests);
        foreach (var resource in request.ResourceSpans)
        {
            var service = resource.Resource.Attributes.Single(a => a.Key == "service.name").Value.StringValue;
            foreach (var span in resource.ScopeSpans.SelectMany(s => s.Spans))
                _spans.Enqueue(new ReceivedSpan(service, Convert.ToHexStringLower(span.TraceId.Span), Convert.ToHexStringLower(span.SpanId.Span),
                    span.ParentSpanId.IsEmpty ? null : Convert.ToHexStringLower(span.ParentSpanId.Span), span.Name, span.Kind));
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

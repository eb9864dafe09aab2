using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Course.Observability.Tests.Otlp;

/// <summary>One span as a collector received it: the Resource's service.name it came under, and the span.</summary>
internal sealed record ReceivedSpan(string Service, string TraceId, string SpanId, string? ParentSpanId, string Name, SpanKind Kind);

/// <summary>
/// A minimal OTLP/HTTP trace collector on 127.0.0.1: accepts <c>POST /v1/traces</c> with a protobuf
/// ExportTraceServiceRequest (what Jaeger's port 4318 accepts), decodes it and keeps the spans.
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

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver.Add(ExportTraceServiceRequest.Parser.ParseFrom(body.ToArray()));
            Interlocked.Increment(ref receiver._requests);
            return Results.Bytes([], "application/x-protobuf");   // an empty ExportTraceServiceResponse: all accepted
        });
        await app.StartAsync();
        return receiver;
    }

    private void Add(ExportTraceServiceRequest request)
    {
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

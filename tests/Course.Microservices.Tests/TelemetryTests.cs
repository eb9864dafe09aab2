using System.Diagnostics;
using System.Net;
using Course.Microservices.Identity;
using Course.Microservices.Orders;
using Course.Microservices.Security;
using Course.Observability;
using Course.Observability.Metrics;
using Course.Observability.Tracing;

namespace Course.Microservices.Tests;

/// <summary>
/// The observability week on the real services: one request through the gateway is one trace across gateway → Orders →
/// Catalog (HTTP) and Payments (gRPC); every service exposes its RED metrics, a real Prometheus scrapes them over (mutual)
/// TLS; log lines carry the request's trace id. Its own system, started inside a telemetry lab.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests
{
    [Fact]
    public async Task One_order_through_the_gateway_is_one_trace_across_the_services_with_correct_parents()
    {
        using var lab = TelemetryLab.Start();
        await using var system = await MicroserviceSystem.StartAsync();
        var token = await system.TokenAsync(KnownClients.Storefront, Scopes.OrdersWrite, Scopes.CatalogRead);

        // Our own root span marks the trace: other tests in this process may be sending requests at the same time.
        var traceId = await PlaceTracedOrderAsync(system, token, new PlaceOrderRequest("alice", "book", 1), HttpStatusCode.Created);
        // The gateway's server span ends just after its response reached us.
        Assert.True(lab.WaitUntil(spans => spans.Any(s => s.TraceId == traceId && s.Service == "gateway" && s.Kind == ActivityKind.Server), TimeSpan.FromSeconds(15)));

        var trace = lab.Spans.Trace(traceId);
        SpanRecord Server(string service) => Assert.Single(trace.Spans, s => s.Service == service && s.Kind == ActivityKind.Server);
        var gateway = Server("gateway");
        var orders = Server("orders");
        var catalog = Server("catalog");
        var payments = Server("payments");

        // Each server span's parent is a client span of the service that called it.
        Assert.Equal("gateway", trace.ParentOf(orders)!.Service);
        Assert.Equal("orders", trace.ParentOf(catalog)!.Service);
        Assert.Equal(ActivityKind.Client, trace.ParentOf(catalog)!.Kind);
        Assert.Equal("orders", trace.ParentOf(payments)!.Service);
        // The gRPC call is a client span of its own (OpenTelemetry RPC conventions), above the HTTP/2 request that carries it.
        var grpc = Assert.Single(trace.Spans, s => s.Service == "orders" && s.Kind == ActivityKind.Client && s.Tags.GetValueOrDefault("rpc.system.name") == "grpc");
        Assert.Equal("course.payments.v1.Payments/Charge", grpc.Tags["rpc.method"]);
        Assert.Equal(ServiceAttribution.Caller, trace.ParentOf(gateway)!.Service);

        // Orders also asks the authorization server for its own token (client credentials) the first time it calls Payments.
        var edges = ServiceMap.From(trace.Spans).Select(e => $"{e.From}→{e.To}").ToHashSet();
        Assert.Subset(edges, new HashSet<string> { $"{ServiceAttribution.Caller}→gateway", "gateway→orders", "orders→catalog", "orders→payments" });
        Assert.Subset(new HashSet<string> { $"{ServiceAttribution.Caller}→gateway", "gateway→orders", "orders→catalog", "orders→payments", "orders→identity" }, edges);

        // Every log line a service wrote while handling this request carries its trace id.
        var lines = lab.Logs.ForTrace(traceId);
        // The application's lines only (framework chatter is below Warning), each with its template's fields.
        Assert.Equal(3, lines.Count);
        Assert.Equal("book", Assert.Single(lines, l => l.Service == "catalog").Fields["Sku"]);
        Assert.Single(lines, l => l.Service == "orders" && l.Message.StartsWith("Placing an order", StringComparison.Ordinal));
        Assert.StartsWith("ord-", Assert.Single(lines, l => l.Service == "orders" && l.Fields.ContainsKey("OrderId")).Fields["OrderId"]);
        Assert.All(lines, l => Assert.Equal(l.Service, Assert.Single(trace.Spans, s => s.SpanId == l.SpanId).Service));
        Assert.Equal("book", lines.Single(l => l.Message.StartsWith("Placing", StringComparison.Ordinal)).Fields["Sku"]);
    }

    [Fact]
    public async Task A_failing_dependency_is_a_503_whose_trace_points_at_it_and_whose_log_line_carries_the_trace_id()
    {
        using var lab = TelemetryLab.Start();
        await using var system = await MicroserviceSystem.StartAsync();
        var token = await system.TokenAsync(KnownClients.Storefront, Scopes.OrdersWrite, Scopes.CatalogRead);
        system.PaymentsFaults.FailNext(1);
        var traceId = await PlaceTracedOrderAsync(system, token, new PlaceOrderRequest("alice", "book", 1), HttpStatusCode.ServiceUnavailable);
        Assert.Equal(1, system.PaymentsFaults.Failed);
        Assert.True(lab.WaitUntil(spans => spans.Any(s => s.TraceId == traceId && s.Service == "gateway" && s.Kind == ActivityKind.Server), TimeSpan.FromSeconds(15)));

        // The failure travels up (payments → orders' gRPC call → orders → gateway); its origin is the deepest failed span.
        var trace = lab.Spans.Trace(traceId);
        var origin = Assert.Single(trace.ErrorOrigins());
        Assert.Equal(("payments", ActivityKind.Server), (origin.Service, origin.Kind));
        Assert.Contains(trace.Spans, s => s.Service == "orders" && s.Name == "place order" && s.IsError);
        Assert.Contains(trace.Spans, s => s.Service == "gateway" && s.Kind == ActivityKind.Server && s.IsError);
        // Nobody was charged, and Orders said so in an Error line that leads back to this trace.
        var error = Assert.Single(lab.Logs.ForTrace(traceId), l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Equal(("orders", "payments"), (error.Service, error.Fields["Dependency"]));

        // The next order goes through: the fault was one request long.
        using var next = await Calls.SendAsync(system.Client, HttpMethod.Post, new Uri(system.Gateway.Address, "orders/api/orders"), token,
            new PlaceOrderRequest("alice", "book", 1));
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
    }

    [SkippableFact]
    public async Task A_real_Prometheus_scrapes_every_service_over_TLS_and_mutual_TLS()
    {
        using var lab = TelemetryLab.Start();
        await using var system = await MicroserviceSystem.StartAsync();
        await using var prometheus = await PrometheusServer.StartAsync(TimeSpan.FromMilliseconds(500),
            new ScrapeTls(system.Authority.PublicRoot, system.Authority.IssueClient("prometheus")));
        Skip.If(!prometheus.IsAvailable, prometheus.Description);
        foreach (var host in system.Hosts) prometheus.SetTargets(host.Name, host.BaseAddress);
        prometheus.SetTargets("gateway", system.Gateway.Address);
        foreach (var service in system.Hosts.Select(h => h.Name).Append("gateway"))
            Assert.True(await prometheus.WaitUntilScrapedAsync(service, 1, TimeSpan.FromSeconds(30)),
                $"{service} never scraped: {string.Join("; ", await prometheus.TargetsAsync())}");

        var token = await system.TokenAsync(KnownClients.Storefront, Scopes.OrdersWrite, Scopes.CatalogRead);
        const int orders = 3;
        for (var i = 0; i < orders; i++)
        {
            using var order = await Calls.SendAsync(system.Client, HttpMethod.Post, new Uri(system.Gateway.Address, "orders/api/orders"), token,
                new PlaceOrderRequest("alice", "book", 1));
            Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        }
        var placed = await prometheus.Query.WaitForAsync(
            "sum by (service) (http_server_request_duration_seconds_count{http_route=~\".*orders.*\",http_request_method=\"POST\"})",
            r => r.Any(s => s.Label("service") == "orders" && s.Value >= orders), TimeSpan.FromSeconds(20));
        Assert.Equal(orders, placed.Single(s => s.Label("service") == "orders").Value);
    }

    /// <summary>Places an order through the gateway inside a fresh root span; returns that trace's id.</summary>
    internal static async Task<string> PlaceTracedOrderAsync(MicroserviceSystem system, string token, PlaceOrderRequest request, HttpStatusCode expected)
    {
        using var root = BusinessSpans.StartRoot($"place an order: {request.Quantity} x {request.Sku}");
        Assert.NotNull(root);
        using var order = await Calls.SendAsync(system.Client, HttpMethod.Post, new Uri(system.Gateway.Address, "orders/api/orders"), token, request);
        Assert.Equal(expected, order.StatusCode);
        return root.TraceId.ToHexString();
    }
}

/// <summary>A telemetry lab is process-wide: its tests never run at the same time as each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry lab";
}

/// <summary>The trace continues through RabbitMQ: Orders publishes OrderPlaced with traceparent in the headers, Shipping's span is its child.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TraceThroughTheQueueTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [SkippableFact]
    public async Task The_consumer_of_the_order_event_is_in_the_same_trace_as_a_child_of_the_publish()
    {
        Skip.If(!broker.Broker.IsAvailable, broker.Broker.Description);
        using var lab = TelemetryLab.Start();
        await using var system = await MicroserviceSystem.StartWithEventsAsync(broker.Broker.ConnectionString);
        var token = await system.TokenAsync(KnownClients.Storefront, Scopes.OrdersWrite, Scopes.CatalogRead);
        var traceId = await TelemetryTests.PlaceTracedOrderAsync(system, token, new PlaceOrderRequest("bob", "lamp", 2), HttpStatusCode.Created);
        Assert.True(await system.Shipping!.WaitForAsync(1, TimeSpan.FromSeconds(10)), "shipping never received the event");
        lab.Flush();

        var trace = lab.Spans.Trace(traceId);
        var publish = Assert.Single(trace.Spans, s => s.Kind == ActivityKind.Producer);
        var process = Assert.Single(trace.Spans, s => s.Kind == ActivityKind.Consumer);
        Assert.Equal(("orders", "shipping"), (publish.Service, process.Service));
        Assert.Equal(publish.SpanId, process.ParentSpanId);
        Assert.Equal("orders", trace.ParentOf(publish)!.Service);
        Assert.Contains(trace.Spans, s => s.Service == "catalog" && s.Kind == ActivityKind.Server);
        Assert.Contains(trace.Spans, s => s.Service == "payments" && s.Kind == ActivityKind.Server);
        Assert.Equal(("lamp", 2), (system.Shipping.Shipped.Single().Sku, system.Shipping.Shipped.Single().Quantity));
        var shipped = Assert.Single(lab.Logs.ForTrace(traceId), l => l.Service == "shipping");
        Assert.Equal(process.SpanId, shipped.SpanId);
        Assert.Contains("shipping", ServiceMap.From(trace.Spans).Where(e => e.From == "orders").Select(e => e.To));
    }
}

using Course.Microservices.Hosting;
using Course.Observability.Tracing;
using Course.Microservices.Payments.Grpc;
using Course.Microservices.Security;
using PaymentsClient = Course.Microservices.Payments.Grpc.Payments.PaymentsClient;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Course.Microservices.Orders;

/// <summary>
/// The Orders service: <c>POST /api/orders</c> (scope orders.write) looks the product up in Catalog over REST, charges
/// the customer at Payments over gRPC with mutual TLS, and stores the order; <c>GET /api/orders/{id}</c> (orders.read)
/// reads it back. Orders gets its own token (client credentials, scopes catalog.read and payments.charge) for both calls.
/// Errors are problem details: 400 bad input, 422 unknown product, 409 not enough stock, 402 payment declined, 503 a dependency down.
/// </summary>
public static class OrdersService
{
    public static Task<ServiceHost> StartAsync(ServiceHostOptions host, string databasePath, TokenValidation tokens, OrdersDependencies dependencies,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(dependencies);
        if (tokens.Audience != Audiences.Orders) throw new ArgumentException($"Orders accepts tokens for audience '{Audiences.Orders}', not '{tokens.Audience}'.", nameof(tokens));
        var store = new OrderStore(databasePath);
        var tokenClient = new TokenClient(new HttpClient(CertificateTrust.Handler(dependencies.TrustedRoot)), dependencies.TokenEndpoint,
            dependencies.ClientId, dependencies.ClientSecret, Scopes.CatalogRead, Scopes.PaymentsCharge);
        return ServiceHost.StartAsync(host, builder =>
        {
            builder.Services.AddSingleton(store);
            builder.Services.AddSingleton(tokenClient);
            builder.Services.AddSingleton(new OrderAnnouncer(dependencies.Events));
            builder.Services.AddHttpClient<CatalogClient>(c => c.BaseAddress = dependencies.Catalog)
                .ConfigurePrimaryHttpMessageHandler(() => CertificateTrust.Handler(dependencies.TrustedRoot))
                .AddHttpMessageHandler(() => new BearerTokenHandler(tokenClient));
            builder.Services.AddSingleton(_ => GrpcChannel.ForAddress(dependencies.Payments, new GrpcChannelOptions
            {
                HttpHandler = new BearerTokenHandler(tokenClient) { InnerHandler = CertificateTrust.Handler(dependencies.TrustedRoot, dependencies.ClientCertificate) },
            }));
            builder.Services.AddSingleton(s => new PaymentsClient(s.GetRequiredService<GrpcChannel>()));
            tokens.AddTo(builder.Services, Scopes.OrdersRead, Scopes.OrdersWrite);
        }, app =>
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/healthz", () => Results.Text("ok"));
            app.MapPost("/api/orders", PlaceAsync).RequireAuthorization(Scopes.OrdersWrite);
            app.MapGet("/api/orders/{id}", (string id, OrderStore orders) =>
                orders.Find(id) is { } order ? Results.Ok(order) : Results.Problem($"No order '{id}'.", statusCode: StatusCodes.Status404NotFound))
                .RequireAuthorization(Scopes.OrdersRead);
        }, cancellationToken);
    }

    private static async Task<IResult> PlaceAsync(PlaceOrderRequest request, CatalogClient catalog, PaymentsClient payments,
        OrderStore orders, HttpContext http, ILoggerFactory logs, OrderAnnouncer announcer)
    {
        var log = logs.CreateLogger("Course.Orders");
        // A business span: instrumentation sees HTTP and gRPC calls; only the service knows they are "placing an order".
        using var span = BusinessSpans.Start("place order", ("order.sku", request.Sku), ("order.quantity", request.Quantity));
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Customer)) errors["customer"] = ["A customer is required."];
        if (!Catalog.CatalogStore.IsValidSku(request.Sku)) errors["sku"] = ["A SKU is 1-32 characters of a-z, 0-9 and '-'."];
        if (request.Quantity is < 1 or > 100) errors["quantity"] = ["Quantity must be between 1 and 100."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);

        log.LogInformation("Placing an order: {Quantity} x {Sku} for {Customer}", request.Quantity, request.Sku, request.Customer);
        Catalog.Product? product;
        try { product = await catalog.FindAsync(request.Sku!, http.RequestAborted); }
        catch (HttpRequestException e) when (e.StatusCode is null or >= System.Net.HttpStatusCode.InternalServerError)
        {
            return DependencyFailed(log, span, "catalog", request, e.StatusCode is { } status ? $"HTTP {(int)status}" : e.Message);
        }
        if (product is null) return Results.Problem($"The catalog has no product '{request.Sku}'.", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unknown product");
        if (product.Stock < request.Quantity)
            return Results.Problem($"Only {product.Stock} of '{product.Sku}' in stock.", statusCode: StatusCodes.Status409Conflict, title: "Not enough stock");

        var id = $"ord-{Guid.NewGuid():N}"[..16];
        var amount = product.Price * request.Quantity;
        ChargeReply charge;
        try
        {
            charge = await payments.ChargeAsync(new ChargeRequest { OrderId = id, Customer = request.Customer, Amount = amount },
                deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: http.RequestAborted);
        }
        // Unavailable: the call did not get through, nobody was charged, the client may retry. (DeadlineExceeded would be
        // different: the charge may have happened — that stays a 500 until someone reconciles it.)
        catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
        {
            return DependencyFailed(log, span, "payments", request, $"gRPC {e.StatusCode}: {e.Status.Detail}");
        }
        var order = new Order(id, request.Customer!, product.Sku, request.Quantity, amount, charge.Approved ? "Confirmed" : "Declined",
            charge.Approved ? charge.PaymentId : null, charge.Approved ? null : charge.Reason);
        orders.Save(order);
        if (charge.Approved && announcer.Events is { } events)
            await events.PublishAsync(new OrderPlaced(id, request.Customer!, product.Sku, request.Quantity, amount), http.RequestAborted);
        if (charge.Approved)
            log.LogInformation("Order {OrderId} confirmed: {Quantity} x {Sku} for {Customer}, {Amount}", id, request.Quantity, product.Sku, request.Customer, amount);
        else
            log.LogWarning("Order {OrderId} declined by payments: {Reason}", id, charge.Reason);
        return charge.Approved
            ? Results.Created($"/api/orders/{id}", order)
            : Results.Problem($"Payment declined: {charge.Reason}.", statusCode: StatusCodes.Status402PaymentRequired, title: "Payment declined",
                extensions: new Dictionary<string, object?> { ["orderId"] = id });
    }

    // A dependency that is down is not the caller's fault: 503 (retry later), an Error log line with the trace id, and the
    // business span marked failed — the three signals the observability notebook follows back to the failing service.
    private static IResult DependencyFailed(ILogger log, System.Diagnostics.Activity? span, string dependency, PlaceOrderRequest request, string reason)
    {
        log.LogError("Could not place an order for {Customer}: {Dependency} failed ({Reason})", request.Customer, dependency, reason);
        span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, $"{dependency} failed");
        return Results.Problem($"The {dependency} service is unavailable; nothing was charged. Try again later.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Dependency unavailable");
    }
}

/// <summary>Orders' optional link to the event bus (a DI singleton, so the endpoint can take it when there is none).</summary>
public sealed record OrderAnnouncer(OrderEvents? Events);

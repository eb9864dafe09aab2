using Course.Microservices.Hosting;
using Course.Microservices.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Course.Microservices.Catalog;

/// <summary>
/// The Catalog service: products over REST (<c>GET /api/products</c>, <c>GET /api/products/{sku}</c>) and the same
/// lookup over gRPC, each needing a token with scope <c>catalog.read</c> and audience <c>catalog</c>.
/// <c>/healthz</c> is anonymous (the probes of the Kubernetes manifests).
/// </summary>
public static class CatalogService
{
    public static Task<ServiceHost> StartAsync(ServiceHostOptions host, string databasePath, TokenValidation tokens,
        FaultInjector? faults = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Audience != Audiences.Catalog) throw new ArgumentException($"The Catalog accepts tokens for audience '{Audiences.Catalog}', not '{tokens.Audience}'.", nameof(tokens));
        var store = new CatalogStore(databasePath);
        return ServiceHost.StartAsync(host, builder =>
        {
            builder.Services.AddSingleton(store);
            builder.Services.AddGrpc();
            tokens.AddTo(builder.Services, Scopes.CatalogRead);
        }, app =>
        {
            faults?.Use(app);
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/healthz", () => Results.Text("ok"));
            app.MapGet("/api/products", () => Results.Ok(store.All())).RequireAuthorization(Scopes.CatalogRead);
            var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Course.Catalog");
            app.MapGet("/api/products/{sku}", (string sku) =>
                !CatalogStore.IsValidSku(sku)
                    ? Results.ValidationProblem(new Dictionary<string, string[]> { ["sku"] = ["A SKU is 1-32 characters of a-z, 0-9 and '-'."] })
                    : Lookup(log, store, sku) is { } product
                        ? Results.Ok(product)
                        : Results.Problem($"No product '{sku}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown product"))
                .RequireAuthorization(Scopes.CatalogRead);
            // Who the service thinks is calling: the token's subject, and the identity a gateway in front forwarded.
            app.MapGet("/api/whoami", (HttpContext c) => Results.Ok(new Caller(c.User.FindFirst("sub")?.Value, c.Request.Headers[Edge.ApiGateway.AuthenticatedClientHeader].ToString())))
                .RequireAuthorization(Scopes.CatalogRead);
            app.MapGrpcService<CatalogLookupService>();
        }, cancellationToken);
    }

    private static Product? Lookup(ILogger log, CatalogStore store, string sku)
    {
        var product = store.Find(sku);
        log.LogInformation("Looked up {Sku}: {Outcome}", sku, product is null ? "unknown" : $"{product.Stock} in stock");
        return product;
    }
}

/// <summary>The answer of <c>GET /api/whoami</c>.</summary>
public sealed record Caller(string? Subject, string ForwardedClient);

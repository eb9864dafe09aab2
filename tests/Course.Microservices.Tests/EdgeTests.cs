using System.Net;
using System.Net.Http.Json;
using Course.Microservices.Catalog;
using Course.Microservices.Catalog.Grpc;
using Course.Microservices.Edge;
using Course.Microservices.Identity;
using Course.Microservices.Orders;
using Course.Microservices.Security;
using Grpc.Core;
using Grpc.Net.Client;

namespace Course.Microservices.Tests;

/// <summary>The API gateway (routing, authentication at the edge, identity forwarded) and the sidecar (mTLS, retries, breaker).</summary>
[Collection(SystemCollection.Name)]
public sealed class EdgeTests(SystemFixture fixture)
{
    private MicroserviceSystem System => fixture.System;
    private Uri Via(string path) => new(System.Gateway.Address, path);

    [Fact]
    public async Task RestAndGrpcCallsSucceedThroughTheGateway()
    {
        var token = await System.TokenAsync(KnownClients.Storefront, Scopes.OrdersWrite, Scopes.CatalogRead);
        using var product = await Calls.SendAsync(System.Client, HttpMethod.Get, Via("catalog/api/products/chair"), token);
        Assert.Equal(HttpStatusCode.OK, product.StatusCode);
        Assert.Equal(12_000, (await product.Content.ReadFromJsonAsync<Product>())!.Price);

        using var order = await Calls.SendAsync(System.Client, HttpMethod.Post, Via("orders/api/orders"), token, new PlaceOrderRequest("alice", "book", 1));
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        Assert.Equal(4_500, (await order.Content.ReadFromJsonAsync<Order>())!.Amount);

        using var channel = GrpcChannel.ForAddress(System.Gateway.Address, new GrpcChannelOptions { HttpClient = System.Client });
        var reply = await new CatalogLookup.CatalogLookupClient(channel).GetProductAsync(new ProductRequest { Sku = "lamp" },
            new Metadata { { "Authorization", $"Bearer {token}" } });
        Assert.Equal(("Desk lamp", 3_000L), (reply.Name, reply.Price));
    }

    [Fact]
    public async Task TheGatewayRefusesMissingAndForgedTokensItself()
    {
        using var none = await Calls.SendAsync(System.Client, HttpMethod.Get, Via("catalog/api/products/book"), token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        using var forged = await Calls.SendAsync(System.Client, HttpMethod.Get, Via("catalog/api/products/book"), System.Forge.SignedByAnotherKey(Audiences.Catalog, Scopes.CatalogRead));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        using var unrouted = await Calls.SendAsync(System.Client, HttpMethod.Get, Via("payments/anything"), await System.TokenAsync(KnownClients.Storefront, Scopes.CatalogRead));
        Assert.Equal(HttpStatusCode.NotFound, unrouted.StatusCode);
    }

    [Fact]
    public async Task TheGatewayForwardsTheCallersIdentityAndDropsASpoofedOne()
    {
        var token = await System.TokenAsync(KnownClients.Storefront, Scopes.CatalogRead);
        using var request = new HttpRequestMessage(HttpMethod.Get, Via("catalog/api/whoami"));
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add(ApiGateway.AuthenticatedClientHeader, "admin");
        using var response = await System.Client.SendAsync(request);
        Assert.Equal(new Caller(KnownClients.Storefront, KnownClients.Storefront), await response.Content.ReadFromJsonAsync<Caller>());
    }

    [Fact]
    public void AGatewayRouteToAnUnknownServiceFailsAtConfiguration()
    {
        var services = new Dictionary<string, Uri> { ["catalog"] = new("https://127.0.0.1:1/") };
        var e = Assert.Throws<ArgumentException>(() => ApiGateway.Config(services, [new EdgeRoute("/payments", "payments")]));
        Assert.Contains("Route '/payments' points to service 'payments', which is not configured", e.Message);
        Assert.Contains("must start with '/'", Assert.Throws<ArgumentException>(() => ApiGateway.Config(services, [new EdgeRoute("catalog", "catalog")])).Message);
        Assert.Equal("MaxRetries", Assert.Throws<ArgumentOutOfRangeException>(() => new SidecarResilience { MaxRetries = 0 }).ParamName);
        Assert.Equal("BreakDuration", Assert.Throws<ArgumentOutOfRangeException>(() => new SidecarResilience { BreakDuration = TimeSpan.Zero }).ParamName);
    }

    [Fact]
    public async Task TheSidecarRetriesTransientFailuresThenOpensItsBreakerAndNeedsAClientCertificate()
    {
        var token = await System.TokenAsync(KnownClients.Storefront, Scopes.CatalogRead);
        var resilience = new SidecarResilience { MaxRetries = 3, BreakerMinimumThroughput = 6, BreakDuration = TimeSpan.FromSeconds(30) };
        await using var sidecar = await System.StartCatalogSidecarAsync(resilience);
        using var mesh = new HttpClient(CertificateTrust.Handler(System.Authority.PublicRoot, System.Authority.IssueClient("orders"))) { Timeout = TimeSpan.FromSeconds(10) };
        var viaSidecar = new Uri(sidecar.Address, "api/products/book");
        try
        {
            // Two injected 503s: the direct caller would see the first; through the sidecar the third attempt succeeds.
            System.CatalogFaults.FailNext(2);
            using (var ok = await Calls.SendAsync(mesh, HttpMethod.Get, viaSidecar, token)) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal((3L, 2L), (sidecar.Stats.Attempts, sidecar.Stats.Retries));
            Assert.Equal(2, System.CatalogFaults.Failed);

            // Catalog keeps failing: each call makes 4 attempts (1 + 3 retries), all failing; after 6 sampled failures
            // (ratio 1.0 ≥ 0.5) the breaker opens and the sidecar answers 503 itself without calling Catalog.
            System.CatalogFaults.FailNext(1_000);
            using (var first = await Calls.SendAsync(mesh, HttpMethod.Get, viaSidecar, token)) Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
            using (var second = await Calls.SendAsync(mesh, HttpMethod.Get, viaSidecar, token)) Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
            Assert.Equal("Open", sidecar.Breaker);
            var failedAtCatalog = System.CatalogFaults.Failed;
            using (var refused = await Calls.SendAsync(mesh, HttpMethod.Get, viaSidecar, token))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.Equal("circuit open", refused.Headers.GetValues(SidecarStats.Header).Single());
            }
            Assert.Equal(failedAtCatalog, System.CatalogFaults.Failed); // Catalog was not called at all
            Assert.Equal(1, sidecar.Stats.BreakerOpenings);
        }
        finally
        {
            System.CatalogFaults.Reset();
        }

        using var anonymous = new HttpClient(CertificateTrust.Handler(System.Authority.PublicRoot)) { Timeout = TimeSpan.FromSeconds(10) };
        await Assert.ThrowsAsync<HttpRequestException>(() => Calls.SendAsync(anonymous, HttpMethod.Get, viaSidecar, token));
    }
}

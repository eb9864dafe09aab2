using System.Net;
using System.Net.Http.Json;
using Course.Microservices.Catalog.Grpc;
using Course.Microservices.Identity;
using Course.Microservices.Orders;
using Course.Microservices.Payments.Grpc;
using Course.Microservices.Security;
using Grpc.Core;
using Grpc.Net.Client;

namespace Course.Microservices.Tests;

/// <summary>Orders → Catalog over REST and Orders → Payments over gRPC with mutual TLS, all on loopback, end to end.</summary>
[Collection(SystemCollection.Name)]
public sealed class OrderFlowTests(SystemFixture fixture)
{
    private MicroserviceSystem System => fixture.System;

    [Fact]
    public async Task AnOrderIsPricedByCatalogChargedByPaymentsAndStored()
    {
        var token = await System.TokenAsync(KnownClients.Storefront, Scopes.OrdersWrite, Scopes.OrdersRead);
        var before = await BalanceAsync("bob");

        using var created = await Calls.SendAsync(System.Client, HttpMethod.Post, new Uri(System.Orders.BaseAddress, "api/orders"), token,
            new PlaceOrderRequest("bob", "lamp", 2));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var order = (await created.Content.ReadFromJsonAsync<Order>())!;
        Assert.Equal(("bob", "lamp", 2, 6_000L, "Confirmed"), (order.Customer, order.Sku, order.Quantity, order.Amount, order.Status)); // 2 × 3,000 cents
        Assert.Equal($"pay-{order.Id}", order.PaymentId);
        Assert.Equal(before - 6_000, await BalanceAsync("bob"));

        using var read = await Calls.SendAsync(System.Client, HttpMethod.Get, new Uri(System.Orders.BaseAddress, created.Headers.Location!.OriginalString), token);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(order, await read.Content.ReadFromJsonAsync<Order>());
    }

    [Fact]
    public async Task ADeclinedPaymentIs402AndTheOrderIsKeptAsDeclinedWithoutADebit()
    {
        var token = await System.TokenAsync(KnownClients.Storefront, Scopes.OrdersWrite, Scopes.OrdersRead);
        var before = await BalanceAsync("carol");
        using var response = await Calls.SendAsync(System.Client, HttpMethod.Post, new Uri(System.Orders.BaseAddress, "api/orders"), token,
            new PlaceOrderRequest("carol", "chair", 1)); // 12,000 cents > carol's 3,000
        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        var problem = await Calls.ProblemAsync(response);
        Assert.Equal("Payment declined: insufficient funds.", problem.GetProperty("detail").GetString());
        var id = problem.GetProperty("orderId").GetString()!;
        using var read = await Calls.SendAsync(System.Client, HttpMethod.Get, new Uri(System.Orders.BaseAddress, $"api/orders/{id}"), token);
        Assert.Equal("Declined", (await read.Content.ReadFromJsonAsync<Order>())!.Status);
        Assert.Equal(before, await BalanceAsync("carol"));
    }

    [Theory]
    [InlineData("alice", "unicorn", 1, HttpStatusCode.UnprocessableEntity, "Unknown product")]
    [InlineData("alice", "chair", 7, HttpStatusCode.Conflict, "Not enough stock")] // 6 chairs
    public async Task BusinessRefusalsAreProblemDetails(string customer, string sku, int quantity, HttpStatusCode status, string title)
    {
        var token = await System.TokenAsync(KnownClients.Storefront, Scopes.OrdersWrite);
        using var response = await Calls.SendAsync(System.Client, HttpMethod.Post, new Uri(System.Orders.BaseAddress, "api/orders"), token,
            new PlaceOrderRequest(customer, sku, quantity));
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(title, (await Calls.ProblemAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task MalformedOrdersAre400WithOneErrorPerField()
    {
        var token = await System.TokenAsync(KnownClients.Storefront, Scopes.OrdersWrite);
        using var invalid = await Calls.SendAsync(System.Client, HttpMethod.Post, new Uri(System.Orders.BaseAddress, "api/orders"), token,
            new PlaceOrderRequest(" ", "Not A Sku!", 0));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await Calls.ProblemAsync(invalid)).GetProperty("errors");
        Assert.Equal(["customer", "quantity", "sku"], errors.EnumerateObject().Select(p => p.Name).Order());

        using var notJson = new HttpRequestMessage(HttpMethod.Post, new Uri(System.Orders.BaseAddress, "api/orders"))
        {
            Content = new StringContent("{ this is not json", global::System.Text.Encoding.UTF8, "application/json"),
        };
        notJson.Headers.Authorization = new("Bearer", token);
        using var garbage = await System.Client.SendAsync(notJson);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        await Calls.ProblemAsync(garbage);
    }

    [Fact]
    public async Task CatalogAnswersTheSameLookupOverRestAndGrpc()
    {
        var token = await System.TokenAsync(KnownClients.Storefront, Scopes.CatalogRead);
        using var rest = await Calls.SendAsync(System.Client, HttpMethod.Get, new Uri(System.Catalog.BaseAddress, "api/products/book"), token);
        var product = (await rest.Content.ReadFromJsonAsync<Course.Microservices.Catalog.Product>())!;

        using var channel = GrpcChannel.ForAddress(System.Catalog.BaseAddress, new GrpcChannelOptions { HttpClient = System.Client });
        var grpc = new CatalogLookup.CatalogLookupClient(channel);
        var headers = new Metadata { { "Authorization", $"Bearer {token}" } };
        var reply = await grpc.GetProductAsync(new ProductRequest { Sku = "book" }, headers);
        Assert.Equal(("book", "Designing Data-Intensive Applications", 4_500L), (product.Sku, product.Name, product.Price));
        Assert.Equal((product.Sku, product.Name, product.Price, product.Stock), (reply.Sku, reply.Name, reply.Price, reply.Stock));

        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => grpc.GetProductAsync(new ProductRequest { Sku = "unicorn" }, headers).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, (await Assert.ThrowsAsync<RpcException>(() => grpc.GetProductAsync(new ProductRequest { Sku = "NO!" }, headers).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => grpc.GetProductAsync(new ProductRequest { Sku = "book" }).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task ChargingTheSameOrderTwiceDebitsOnce()
    {
        var token = await System.TokenAsync(KnownClients.OrdersService, Scopes.PaymentsCharge);
        using var channel = Calls.PaymentsChannel(System, token, System.Authority.IssueClient("test-caller"));
        var payments = new Payments.Grpc.Payments.PaymentsClient(channel);
        var before = (await payments.GetBalanceAsync(new BalanceRequest { Customer = "alice" })).Balance;
        var first = await payments.ChargeAsync(new ChargeRequest { OrderId = "retry-1", Customer = "alice", Amount = 700 });
        var again = await payments.ChargeAsync(new ChargeRequest { OrderId = "retry-1", Customer = "alice", Amount = 700 });
        Assert.True(first.Approved);
        Assert.Equal(first.PaymentId, again.PaymentId);
        Assert.Equal(before - 700, (await payments.GetBalanceAsync(new BalanceRequest { Customer = "alice" })).Balance);
        Assert.Equal(StatusCode.InvalidArgument,
            (await Assert.ThrowsAsync<RpcException>(() => payments.ChargeAsync(new ChargeRequest { OrderId = "x", Customer = "alice", Amount = -5 }).ResponseAsync)).StatusCode);
    }

    private async Task<long> BalanceAsync(string customer)
    {
        var token = await System.TokenAsync(KnownClients.OrdersService, Scopes.PaymentsCharge);
        using var channel = Calls.PaymentsChannel(System, token, System.Authority.IssueClient("test-caller"));
        return (await new Payments.Grpc.Payments.PaymentsClient(channel).GetBalanceAsync(new BalanceRequest { Customer = customer })).Balance;
    }
}

using System.Net;
using System.Net.Http.Json;
using Course.Gateway.Backends;
using Course.Gateway.Probing;

namespace Course.Gateway.Tests.L7;

/// <summary>Path and header routing through YARP over real HTTP on loopback.</summary>
public sealed class RoutingTests
{
    private static GatewayConfig ShopConfig(BackendFleet fleet) => new(
        [
            new GatewayRoute("catalog", "/catalog/{**rest}", "catalog") { StripPrefix = "/catalog" },
            new GatewayRoute("cart", "/cart/{**rest}", "cart"),
            new GatewayRoute("cart-beta", "/cart/{**rest}", "beta") { Headers = new Dictionary<string, string> { ["X-Version"] = "beta" }, Order = -1 },
        ],
        [
            GatewayCluster.Of("catalog", [fleet["catalog-1"]]),
            GatewayCluster.Of("cart", [fleet["cart-1"]]),
            GatewayCluster.Of("beta", [fleet["cart-beta"]]),
        ]);

    [Fact]
    public async Task Paths_and_headers_pick_the_cluster()
    {
        await using var fleet = await BackendFleet.StartAsync("catalog-1", "cart-1", "cart-beta");
        await using var gateway = await L7Gateway.StartAsync(ShopConfig(fleet));
        using var http = LoadProbe.Client();

        Assert.Equal("catalog-1", await ServedByAsync(http, new Uri(gateway.Address, "/catalog/items/7")));
        Assert.Equal("cart-1", await ServedByAsync(http, new Uri(gateway.Address, "/cart/42")));
        Assert.Equal("cart-beta", await ServedByAsync(http, new Uri(gateway.Address, "/cart/42"), ("X-Version", "beta")));
        Assert.Equal("cart-1", await ServedByAsync(http, new Uri(gateway.Address, "/cart/42"), ("X-Version", "stable")));
    }

    [Fact]
    public async Task Strip_prefix_rewrites_the_path_the_backend_sees()
    {
        await using var fleet = await BackendFleet.StartAsync("catalog-1", "cart-1", "cart-beta");
        await using var gateway = await L7Gateway.StartAsync(ShopConfig(fleet));
        using var http = LoadProbe.Client();

        var catalog = await http.GetFromJsonAsync<BackendReply>(new Uri(gateway.Address, "/catalog/items/7"));
        var cart = await http.GetFromJsonAsync<BackendReply>(new Uri(gateway.Address, "/cart/42"));
        Assert.Equal("/items/7", catalog!.Path);
        Assert.Equal("/cart/42", cart!.Path);
    }

    [Fact]
    public async Task A_path_no_route_matches_is_404_and_reaches_no_backend()
    {
        await using var fleet = await BackendFleet.StartAsync("catalog-1", "cart-1", "cart-beta");
        await using var gateway = await L7Gateway.StartAsync(ShopConfig(fleet));
        using var http = LoadProbe.Client();

        using var response = await http.GetAsync(new Uri(gateway.Address, "/checkout/1"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.All(fleet, b => Assert.Equal(0, b.Served));
    }

    private static async Task<string?> ServedByAsync(HttpClient http, Uri url, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues(BackendHeaders.ServedBy).Single();
    }
}

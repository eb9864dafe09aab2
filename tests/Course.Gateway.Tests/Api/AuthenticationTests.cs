using System.Net;
using System.Net.Http.Headers;
using Course.Gateway.Api;
using Course.Gateway.Backends;
using Course.Gateway.Probing;

namespace Course.Gateway.Tests.Api;

/// <summary>JWT at the edge: the ASP.NET bearer handler lets valid tokens through and answers 401 to everything else.</summary>
public sealed class AuthenticationTests
{
    private static async Task<(BackendFleet Fleet, ApiGateway Gateway)> StartAsync(TokenIssuer tokens)
    {
        var fleet = await BackendFleet.StartAsync("orders", "public");
        var config = new GatewayConfig(
            [
                new GatewayRoute("orders", "/orders/{**rest}", "orders") { RequireAuthentication = true },
                new GatewayRoute("public", "/public/{**rest}", "public"),
            ],
            [GatewayCluster.Of("orders", [fleet["orders"]]), GatewayCluster.Of("public", [fleet["public"]])]);
        return (fleet, await ApiGateway.StartAsync(new ApiGatewayOptions(config) { Tokens = tokens }));
    }

    [Fact]
    public async Task Only_a_valid_token_reaches_the_secured_backend()
    {
        var tokens = new TokenIssuer();
        var (fleet, gateway) = await StartAsync(tokens);
        await using var _ = fleet;
        await using var __ = gateway;
        using var http = LoadProbe.Client();
        var orders = new Uri(gateway.Address, "/orders/1");
        var valid = tokens.Issue("alice");

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, orders, valid));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, orders, token: null));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, orders, tokens.IssueExpired("alice")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, orders, TokenIssuer.Tamper(valid)));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, orders, tokens.Issue("alice", audience: "another-api")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, orders, new TokenIssuer().Issue("alice")));   // another key
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, orders, "not-a-jwt"));
        Assert.Equal(1, fleet["orders"].Served);     // only the valid call got through
    }

    [Fact]
    public async Task An_open_route_needs_no_token()
    {
        var (fleet, gateway) = await StartAsync(new TokenIssuer());
        await using var _ = fleet;
        await using var __ = gateway;
        using var http = LoadProbe.Client();

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, new Uri(gateway.Address, "/public/1"), token: null));
    }

    [Fact]
    public async Task A_secured_route_without_an_issuer_fails_at_configuration_time()
    {
        var cluster = new GatewayCluster("c", [new GatewayDestination("a", new Uri("http://127.0.0.1:1/"))]);
        var config = new GatewayConfig([new GatewayRoute("r", "/{**rest}", "c") { RequireAuthentication = true }], [cluster]);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => ApiGateway.StartAsync(new ApiGatewayOptions(config)));
        Assert.Contains("routes r require authentication, but no token issuer was configured", e.Message);
    }

    [Fact]
    public void A_tampered_token_differs_only_in_its_payload()
    {
        var token = new TokenIssuer().Issue("alice");
        var tampered = TokenIssuer.Tamper(token).Split('.');
        var original = token.Split('.');
        Assert.Equal(original[0], tampered[0]);
        Assert.NotEqual(original[1], tampered[1]);
        Assert.Equal(original[2], tampered[2]);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, Uri url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}

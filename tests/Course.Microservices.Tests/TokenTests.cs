using System.Net;
using System.Text.Json;
using Course.Microservices.Identity;
using Course.Microservices.Orders;
using Course.Microservices.Security;

namespace Course.Microservices.Tests;

/// <summary>The authorization server's tokens, and every bad token refused by a resource server (RFC 6750 §3.1, RFC 8725).</summary>
[Collection(SystemCollection.Name)]
public sealed class TokenTests(SystemFixture fixture)
{
    private MicroserviceSystem System => fixture.System;
    private Uri Products => new(System.Catalog.BaseAddress, "api/products/book");

    [Fact]
    public async Task TheServerIssuesASignedUnencryptedJwtForTheClientWithTheAskedScopesAndTheirAudience()
    {
        var token = await System.TokenAsync(KnownClients.OrdersService, Scopes.CatalogRead);
        var (header, payload) = TokenForge.Decode(token);
        using var h = JsonDocument.Parse(header);
        using var p = JsonDocument.Parse(payload);
        Assert.Equal("RS256", h.RootElement.GetProperty("alg").GetString());
        Assert.Equal("at+jwt", h.RootElement.GetProperty("typ").GetString());
        Assert.Equal(System.Issuer.AbsoluteUri, p.RootElement.GetProperty("iss").GetString());
        Assert.Equal(KnownClients.OrdersService, p.RootElement.GetProperty("sub").GetString());
        Assert.Equal(Audiences.Catalog, p.RootElement.GetProperty("aud").GetString());
        Assert.Equal(Scopes.CatalogRead, p.RootElement.GetProperty("scope").GetString());
        var lifetime = p.RootElement.GetProperty("exp").GetInt64() - p.RootElement.GetProperty("iat").GetInt64();
        Assert.Equal(300, lifetime); // IdentityOptions.AccessTokenLifetime: 5 minutes

        using var ok = await Calls.SendAsync(System.Client, HttpMethod.Get, Products, token);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task TheServerRefusesAWrongSecretAndAScopeTheClientMayNotHave()
    {
        var wrongSecret = await Assert.ThrowsAsync<TokenRequestException>(() =>
            TokenClient.RequestAsync(System.Client, System.TokenEndpoint, KnownClients.Storefront, "guess", Scopes.OrdersWrite));
        Assert.Contains("invalid_client", wrongSecret.Body);
        var greedy = await Assert.ThrowsAsync<TokenRequestException>(() => System.TokenAsync(KnownClients.Auditor, Scopes.PaymentsCharge));
        Assert.Contains("invalid_scope", greedy.Body);
    }

    [Fact]
    public async Task NoTokenIs401WithABearerChallenge()
    {
        using var response = await Calls.SendAsync(System.Client, HttpMethod.Get, Products, token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    public static TheoryData<string> Attacks => ["expired", "not yet valid", "tampered", "alg none", "another key", "wrong issuer", "wrong audience", "garbage"];

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task EveryForgedOrStaleTokenIs401(string attack)
    {
        var forge = System.Forge;
        var genuine = await System.TokenAsync(KnownClients.Storefront, Scopes.CatalogRead);
        var token = attack switch
        {
            "expired" => forge.Expired(Audiences.Catalog, Scopes.CatalogRead),
            "not yet valid" => forge.NotYetValid(Audiences.Catalog, Scopes.CatalogRead),
            "tampered" => TokenForge.Tampered(await System.TokenAsync(KnownClients.Auditor, Scopes.OrdersRead), Scopes.CatalogRead),
            "alg none" => TokenForge.AlgNone(genuine),
            "another key" => forge.SignedByAnotherKey(Audiences.Catalog, Scopes.CatalogRead),
            "wrong issuer" => forge.WrongIssuer(Audiences.Catalog, Scopes.CatalogRead),
            "wrong audience" => forge.WrongAudience(Audiences.Catalog, Scopes.CatalogRead),
            _ => "not.a.jwt",
        };
        // The control: the same forge's honest token passes, so each 401 is about the one thing changed.
        using var control = await Calls.SendAsync(System.Client, HttpMethod.Get, Products, forge.Valid(Audiences.Catalog, Scopes.CatalogRead));
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        using var response = await Calls.SendAsync(System.Client, HttpMethod.Get, Products, token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AValidTokenWithoutTheScopeIs403()
    {
        var auditor = await System.TokenAsync(KnownClients.Auditor, Scopes.OrdersRead);
        using var response = await Calls.SendAsync(System.Client, HttpMethod.Post, new Uri(System.Orders.BaseAddress, "api/orders"), auditor,
            new PlaceOrderRequest("alice", "book", 1));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        // The token is fine for what it grants: reading an order (404 for an unknown one, not 401/403).
        using var read = await Calls.SendAsync(System.Client, HttpMethod.Get, new Uri(System.Orders.BaseAddress, "api/orders/none"), auditor);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }
}

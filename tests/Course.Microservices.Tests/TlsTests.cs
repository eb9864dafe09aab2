using Course.Microservices.Identity;
using Course.Microservices.Payments.Grpc;
using Course.Microservices.Security;
using Grpc.Core;

namespace Course.Microservices.Tests;

/// <summary>Every service speaks only TLS with a course-CA certificate; Payments also demands one from its client.</summary>
[Collection(SystemCollection.Name)]
public sealed class TlsTests(SystemFixture fixture)
{
    private MicroserviceSystem System => fixture.System;

    [Fact]
    public async Task PlainHttpGetsNoAnswerFromAnyService()
    {
        using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var host in System.Hosts)
        {
            var uri = new UriBuilder(host.BaseAddress) { Scheme = "http", Path = "healthz" }.Uri;
            var outcome = await Record(() => plain.GetAsync(uri));
            Assert.False(outcome.Succeeded, $"{host.Name} answered plain HTTP with {outcome.Detail}");
        }
        // The control: the same probe over TLS with the course CA succeeds.
        Assert.Equal("ok", await System.Client.GetStringAsync(new Uri(System.Catalog.BaseAddress, "healthz")));
    }

    [Fact]
    public async Task AClientThatDoesNotTrustTheCourseCaRefusesTheServer()
    {
        using var other = CourseCertificateAuthority.Create("Another CA");
        using var client = new HttpClient(CertificateTrust.Handler(other.PublicRoot)) { Timeout = TimeSpan.FromSeconds(5) };
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(System.Catalog.BaseAddress, "healthz")));
        Assert.Contains("SSL", e.ToString());
    }

    [Fact]
    public async Task PaymentsRefusesACallerWithoutACertificateOrWithOneFromAnotherCa()
    {
        var token = await System.TokenAsync(KnownClients.OrdersService, Scopes.PaymentsCharge);
        using var other = CourseCertificateAuthority.Create("Another CA");
        using var good = Calls.PaymentsChannel(System, token, System.Authority.IssueClient("orders"));
        var ledger = new Payments.Grpc.Payments.PaymentsClient(good);
        var before = (await ledger.GetBalanceAsync(new BalanceRequest { Customer = "alice" })).Balance;
        foreach (var certificate in new[] { null, other.IssueClient("orders") })
        {
            using var channel = Calls.PaymentsChannel(System, token, certificate);
            var e = await Assert.ThrowsAsync<RpcException>(() => new Payments.Grpc.Payments.PaymentsClient(channel)
                .ChargeAsync(new ChargeRequest { OrderId = $"mtls-{certificate is null}", Customer = "alice", Amount = 100 }, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
            // The TLS layer refused: with TLS 1.2 the handshake fails (Unavailable); with TLS 1.3 the server checks the
            // client certificate after the client thinks it is done, and resets the connection (Internal). Never an
            // application answer such as Unauthenticated: no request reached the service.
            Assert.Contains(e.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        }
        Assert.Equal(before, (await ledger.GetBalanceAsync(new BalanceRequest { Customer = "alice" })).Balance);
    }

    [Fact]
    public void TheCourseCaChecksPurposeAndIssuer()
    {
        using var other = CourseCertificateAuthority.Create("Another CA");
        var root = System.Authority.PublicRoot;
        Assert.True(CertificateTrust.IsIssuedBy(System.Authority.IssueServer("x"), root, CertificatePurpose.Server));
        Assert.False(CertificateTrust.IsIssuedBy(System.Authority.IssueServer("x"), root, CertificatePurpose.Client)); // wrong extended key usage
        Assert.True(CertificateTrust.IsIssuedBy(System.Authority.IssueClient("x"), root, CertificatePurpose.Client));
        Assert.False(CertificateTrust.IsIssuedBy(other.IssueClient("x"), root, CertificatePurpose.Client));
        Assert.False(root.HasPrivateKey);
    }

    private static async Task<(bool Succeeded, string Detail)> Record(Func<Task<HttpResponseMessage>> call)
    {
        try
        {
            using var response = await call();
            return (response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (false, e.GetType().Name);
        }
    }
}

using Course.Microservices.Hosting;
using Course.Microservices.Identity;
using Course.Microservices.Payments;
using Course.Microservices.Security;
using Microsoft.IdentityModel.Tokens;

namespace Course.Microservices.Tests;

/// <summary>Invalid configuration fails when the service is built, with a message naming the problem.</summary>
public sealed class BadConfigurationTests
{
    [Fact]
    public void TheAuthorizationServerNeedsASigningKeyWithItsPrivateHalf()
    {
        var missing = Assert.Throws<ArgumentNullException>(() => new IdentityOptions(signingKey: null));
        Assert.Contains("needs a signing key", missing.Message);
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var publicOnly = new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false));
        Assert.Contains("no private key", Assert.Throws<ArgumentException>(() => new IdentityOptions(publicOnly)).Message);
        var key = new RsaSecurityKey(rsa.ExportParameters(true));
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => new IdentityOptions(key, [new("x", "s"), new("x", "t")])).Message);
        Assert.Equal("AccessTokenLifetime", Assert.Throws<ArgumentOutOfRangeException>(() => new IdentityOptions(key) { AccessTokenLifetime = TimeSpan.Zero }).ParamName);
    }

    [Fact]
    public async Task ServicesRefuseAMissingKeyAWrongAudienceAndPaymentsWithoutMutualTls()
    {
        using var ca = CourseCertificateAuthority.Create();
        Assert.Contains("signing key", Assert.Throws<ArgumentNullException>(() => new TokenValidation(new Uri("https://127.0.0.1/"), Audiences.Payments, null!)).Message);
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var key = new RsaSecurityKey(rsa.ExportParameters(false));
        var dir = Directory.CreateTempSubdirectory("course-ms-bad-").FullName;
        try
        {
            var db = Path.Combine(dir, "p.db");
            var tls = await Assert.ThrowsAsync<ArgumentException>(() => PaymentsService.StartAsync(new ServiceHostOptions("payments", ca.IssueServer("p")), db,
                new TokenValidation(new Uri("https://127.0.0.1/"), Audiences.Payments, key)));
            Assert.Contains("mutual TLS", tls.Message);
            var audience = await Assert.ThrowsAsync<ArgumentException>(() => PaymentsService.StartAsync(
                new ServiceHostOptions("payments", ca.IssueServer("p")) { ClientCertificateAuthority = ca.PublicRoot }, db,
                new TokenValidation(new Uri("https://127.0.0.1/"), Audiences.Catalog, key)));
            Assert.Contains("audience 'payments'", audience.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AServiceNeedsACertificateWithItsPrivateKeyAndAnExistingDataFolder()
    {
        using var ca = CourseCertificateAuthority.Create();
        Assert.Contains("every service speaks TLS", Assert.Throws<ArgumentNullException>(() => new ServiceHostOptions("catalog", null!)).Message);
        Assert.Contains("no private key", Assert.Throws<ArgumentException>(() => new ServiceHostOptions("catalog", ca.PublicRoot)).Message);
        Assert.Contains("does not exist", Assert.Throws<ArgumentException>(() => new ServiceDatabase("/nonexistent-folder/x.db", "SELECT 1;")).Message);
        Assert.Contains("Unknown scope", Assert.Throws<ArgumentException>(() => Scopes.AudienceOf("admin")).Message);
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Course.Observability.Metrics;

/// <summary>
/// How Prometheus talks to HTTPS services: the root it trusts (the course CA) and, for services that demand mutual TLS,
/// the client certificate (with its private key) it presents.
/// </summary>
public sealed record ScrapeTls(X509Certificate2 TrustedRoot, X509Certificate2? ClientCertificate = null)
{
    /// <summary>Writes the PEM files Prometheus reads into <paramref name="directory"/>; returns their paths.</summary>
    internal (string Ca, string? Cert, string? Key) WriteFiles(string directory)
    {
        var ca = Path.Combine(directory, "ca.pem");
        File.WriteAllText(ca, TrustedRoot.ExportCertificatePem());
        if (ClientCertificate is null) return (ca, null, null);
        if (!ClientCertificate.HasPrivateKey)
            throw new ArgumentException("the scrape client certificate has no private key, so it cannot prove who Prometheus is", nameof(ClientCertificate));
        var cert = Path.Combine(directory, "client.pem");
        var key = Path.Combine(directory, "client-key.pem");
        File.WriteAllText(cert, ClientCertificate.ExportCertificatePem());
        AsymmetricAlgorithm privateKey = (AsymmetricAlgorithm?)ClientCertificate.GetRSAPrivateKey() ?? ClientCertificate.GetECDsaPrivateKey()
            ?? throw new ArgumentException("the scrape client certificate's key is neither RSA nor ECDSA", nameof(ClientCertificate));
        File.WriteAllText(key, privateKey.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (ca, cert, key);
    }
}

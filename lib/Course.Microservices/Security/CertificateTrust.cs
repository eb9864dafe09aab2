using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Course.Microservices.Security;

/// <summary>
/// Trust in one root only — the course CA — instead of the machine's store: the check a TLS peer makes on the
/// other side's certificate (RFC 5280 §6 path validation), used by clients on server certificates and by the
/// mutual-TLS server on client certificates. A certificate from any other CA fails, however valid it is there.
/// </summary>
public static class CertificateTrust
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary>Whether <paramref name="certificate"/> chains to <paramref name="root"/> and may be used for <paramref name="purpose"/>.</summary>
    public static bool IsIssuedBy(X509Certificate2 certificate, X509Certificate2 root, CertificatePurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(root);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // no CRL or OCSP responder in the course PKI
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(purpose == CertificatePurpose.Server ? ServerAuth : ClientAuth));
        return chain.Build(certificate) && chain.ChainElements[^1].Certificate.Thumbprint == root.Thumbprint;
    }

    /// <summary>
    /// A client handler that trusts only <paramref name="root"/> for server certificates (the host name is still
    /// checked by the TLS stack) and, when given, presents <paramref name="clientCertificate"/> for mutual TLS.
    /// </summary>
    public static SocketsHttpHandler Handler(X509Certificate2 root, X509Certificate2? clientCertificate = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    certificate is X509Certificate2 c
                    && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
                    && IsIssuedBy(c, root, CertificatePurpose.Server),
            },
        };
        if (clientCertificate is not null)
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { clientCertificate };
        return handler;
    }
}

public enum CertificatePurpose
{
    Server,
    Client,
}

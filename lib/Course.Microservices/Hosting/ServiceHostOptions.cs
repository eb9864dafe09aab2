using System.Security.Cryptography.X509Certificates;

namespace Course.Microservices.Hosting;

/// <summary>Where and how a service listens: always HTTPS on 127.0.0.1 (HTTP/1.1 and HTTP/2 by ALPN, so REST and gRPC share the port).</summary>
public sealed record ServiceHostOptions
{
    public ServiceHostOptions(string name, X509Certificate2 certificate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Certificate = certificate ?? throw new ArgumentNullException(nameof(certificate), $"{name} needs a server certificate: every service speaks TLS.");
        if (!certificate.HasPrivateKey) throw new ArgumentException($"{name}'s certificate has no private key, so it cannot serve TLS.", nameof(certificate));
    }

    public string Name { get; }
    public X509Certificate2 Certificate { get; }

    /// <summary>0 (default): a free port the OS picks.</summary>
    public int Port { get; init; }

    /// <summary>When set, mutual TLS: a client must present a certificate issued by this root, or the handshake fails.</summary>
    public X509Certificate2? ClientCertificateAuthority { get; init; }

    /// <summary>Server logs off (notebook cells stay readable); on when run as a process.</summary>
    public bool Quiet { get; init; } = true;

    /// <summary>Bind to every interface (in a container) instead of 127.0.0.1.</summary>
    public bool AnyAddress { get; init; }
}

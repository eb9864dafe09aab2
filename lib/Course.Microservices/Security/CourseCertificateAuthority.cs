using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Course.Microservices.Security;

/// <summary>
/// The course's own certificate authority, made at run time: a self-signed root that issues server certificates
/// (for 127.0.0.1 and localhost) and client certificates (for mutual TLS). What a real deployment gets from its PKI
/// (cert-manager, a mesh's CA such as Istio's istiod), in a few lines of <see cref="CertificateRequest"/>.
/// Keys are ECDSA P-256: fast to make, and what TLS 1.3 deployments use. Dispose to drop the private keys.
/// </summary>
public sealed class CourseCertificateAuthority : IDisposable
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1"; // RFC 5280 §4.2.1.12 id-kp-serverAuth
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2"; // id-kp-clientAuth
    private readonly TimeSpan _validity;
    private long _serial;

    private CourseCertificateAuthority(X509Certificate2 root, TimeSpan validity)
    {
        Root = root;
        _validity = validity;
    }

    /// <summary>The root certificate, with its private key (it signs what it issues).</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The root without its private key: what a client or server is given to trust.</summary>
    public X509Certificate2 PublicRoot => X509CertificateLoader.LoadCertificate(Root.RawData);

    /// <summary>Makes a new root named <paramref name="name"/>, valid from an hour ago for <paramref name="validity"/> (default 7 days).</summary>
    public static CourseCertificateAuthority Create(string name = "Course CA", TimeSpan? validity = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var lifetime = validity ?? TimeSpan.FromDays(7);
        if (lifetime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(validity), validity, "validity must be positive.");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        // A CA may sign certificates (keyCertSign) and has no intermediates below it (path length 0).
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        using var root = request.CreateSelfSigned(now.AddHours(-1), now + lifetime);
        return new CourseCertificateAuthority(Reload(root), lifetime);
    }

    /// <summary>An existing root (with its private key), e.g. the one <see cref="Hosting.SharedSecrets"/> keeps for separate processes.</summary>
    public static CourseCertificateAuthority Load(X509Certificate2 root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!root.HasPrivateKey) throw new ArgumentException("A CA needs its private key to issue certificates.", nameof(root));
        return new CourseCertificateAuthority(root, TimeSpan.FromDays(7));
    }

    /// <summary>A server certificate for <paramref name="name"/>, valid for 127.0.0.1, ::1, localhost and <paramref name="extraDnsNames"/>.</summary>
    public X509Certificate2 IssueServer(string name, params string[] extraDnsNames)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        foreach (var dns in extraDnsNames) names.AddDnsName(dns);
        return Issue(name, ServerAuth, names.Build());
    }

    /// <summary>A client certificate for <paramref name="name"/> (the identity a service presents in mutual TLS).</summary>
    public X509Certificate2 IssueClient(string name) => Issue(name, ClientAuth, extension: null);

    public void Dispose() => Root.Dispose();

    private X509Certificate2 Issue(string name, string usage, X509Extension? extension)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (extension is not null) request.CertificateExtensions.Add(extension);
        var serial = BitConverter.GetBytes(Interlocked.Increment(ref _serial) + DateTime.UtcNow.Ticks);
        var now = DateTimeOffset.UtcNow;
        var notAfter = now + _validity < Root.NotAfter ? now + _validity : new DateTimeOffset(Root.NotAfter);
        using var issued = request.Create(Root, now.AddMinutes(-5), notAfter, serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    // A PKCS#12 round trip gives a certificate whose key the TLS stack can use on every platform (ephemeral keys
    // are refused by SChannel on Windows).
    private static X509Certificate2 Reload(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
}

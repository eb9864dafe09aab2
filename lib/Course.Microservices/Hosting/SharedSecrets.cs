using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Course.Microservices.Security;
using Microsoft.IdentityModel.Tokens;

namespace Course.Microservices.Hosting;

/// <summary>
/// What separate service processes must share: the course CA (to issue and trust certificates) and the token-signing
/// key (the authorization server signs, the others verify). Made by the first process that starts, in a folder the
/// others read (a mounted Kubernetes Secret plays this part in services/k8s). A course shortcut: in production only
/// the CA's certificate and the issuer's public key (its JWKS) are shared, never their private keys.
/// </summary>
public sealed record SharedSecrets(CourseCertificateAuthority Authority, RsaSecurityKey SigningKey)
{
    public static SharedSecrets LoadOrCreate(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var ca = Path.Combine(directory, "course-ca.pfx");
        var key = Path.Combine(directory, "token-signing.pem");
        using (var gate = OpenLock(Path.Combine(directory, ".lock")))
        {
            if (!File.Exists(ca) || !File.Exists(key))
            {
                using var authority = CourseCertificateAuthority.Create();
                File.WriteAllBytes(ca, authority.Root.Export(X509ContentType.Pkcs12));
                using var rsa = RSA.Create(2048);
                File.WriteAllText(key, rsa.ExportRSAPrivateKeyPem());
            }
        }
        var rsaKey = RSA.Create();
        rsaKey.ImportFromPem(File.ReadAllText(key));
        return new SharedSecrets(CourseCertificateAuthority.Load(X509CertificateLoader.LoadPkcs12FromFile(ca, password: null)),
            new RsaSecurityKey(rsaKey.ExportParameters(true)) { KeyId = "course-signing-1" });
    }

    private static FileStream OpenLock(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (attempt < 100) { Thread.Sleep(50); }
        }
    }
}

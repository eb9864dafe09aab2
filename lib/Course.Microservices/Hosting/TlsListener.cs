using System.Security.Cryptography.X509Certificates;
using Course.Microservices.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Course.Microservices.Hosting;

/// <summary>The server side of TLS for every listener of the week: a course-CA certificate, and optionally mutual TLS.</summary>
public static class TlsListener
{
    public static HttpsConnectionAdapterOptions Options(X509Certificate2 certificate, X509Certificate2? clientCertificateAuthority)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var https = new HttpsConnectionAdapterOptions { ServerCertificate = certificate };
        if (clientCertificateAuthority is { } root)
        {
            // Mutual TLS: no certificate, or one from another CA, and the handshake fails before any HTTP is read.
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (c, _, _) => CertificateTrust.IsIssuedBy(c, root, CertificatePurpose.Client);
        }
        return https;
    }

    /// <summary>
    /// Turns TLS on for a builder whose endpoints another library declares (Course.Gateway's loopback host). Kestrel
    /// applies endpoint defaults when an endpoint is declared, and options callbacks run in registration order, so this
    /// callback is put first: every endpoint declared after it is HTTPS.
    /// </summary>
    public static void UseFor(WebApplicationBuilder builder, X509Certificate2 certificate, X509Certificate2? clientCertificateAuthority = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var https = Options(certificate, clientCertificateAuthority);
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>>(
            new ConfigureOptions<KestrelServerOptions>(k => k.ConfigureEndpointDefaults(listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(https);
            }))));
    }
}

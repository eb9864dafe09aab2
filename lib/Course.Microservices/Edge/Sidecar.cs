using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Course.Gateway;
using Course.Microservices.Hosting;
using Course.Microservices.Security;

namespace Course.Microservices.Edge;

/// <summary>
/// A sidecar proxy in front of one service — the data plane of a service mesh, made concrete: callers reach the service
/// only through it, over mutual TLS (the mesh's workload identity), and it forwards with retries, per-attempt timeouts and
/// a circuit breaker (<see cref="ResilienceHandler"/>). It is the load-balancing week's YARP gateway
/// (<see cref="L7Gateway"/>) with one catch-all route, TLS on its listener and Polly around its forwarder.
/// Istio injects Envoy into each pod and its control plane pushes this configuration; here one object holds both.
/// </summary>
public sealed class Sidecar : IAsyncDisposable
{
    private readonly L7Gateway _gateway;
    private readonly ResilienceHandler _resilience;

    private Sidecar(L7Gateway gateway, ResilienceHandler resilience, SidecarStats stats)
    {
        _gateway = gateway;
        _resilience = resilience;
        Stats = stats;
    }

    public Uri Address => _gateway.Address;
    public SidecarStats Stats { get; }
    /// <summary>The circuit breaker: Closed, Open or HalfOpen.</summary>
    public string Breaker => _resilience.Breaker;

    /// <param name="service">The service's address (https, course CA).</param>
    /// <param name="certificate">The sidecar's server certificate.</param>
    /// <param name="root">The course CA: trusted for the service's certificate and, with <paramref name="requireClientCertificates"/>, for callers'.</param>
    public static async Task<Sidecar> StartAsync(Uri service, X509Certificate2 certificate, X509Certificate2 root, bool requireClientCertificates = true,
        SidecarResilience? resilience = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(root);
        var stats = new SidecarStats();
        var handler = new ResilienceHandler(resilience ?? new SidecarResilience(), stats);
        var config = GatewayConfig.CatchAll(new GatewayCluster("service", [new GatewayDestination("service", service)]));
        var gateway = await L7Gateway.StartAsync(config, new GatewayHooks
        {
            ConfigureServices = builder => TlsListener.UseFor(builder, certificate, requireClientCertificates ? root : null),
            WrapForwarderHandler = (_, inner) =>
            {
                TrustOnly(inner, root);
                handler.InnerHandler = inner;
                return handler;
            },
        }, cancellationToken).ConfigureAwait(false);
        return new Sidecar(gateway, handler, stats);
    }

    public ValueTask DisposeAsync() => _gateway.DisposeAsync();

    /// <summary>The forwarder's own handler trusts only the course CA for the services it calls.</summary>
    internal static void TrustOnly(HttpMessageHandler handler, X509Certificate2 root)
    {
        if (handler is not SocketsHttpHandler sockets)
            throw new InvalidOperationException($"Expected YARP's SocketsHttpHandler, got {handler.GetType().Name}: cannot set the trusted CA.");
        sockets.SslOptions.RemoteCertificateValidationCallback = (_, c, _, errors) =>
            c is X509Certificate2 cert && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0 && CertificateTrust.IsIssuedBy(cert, root, CertificatePurpose.Server);
    }
}

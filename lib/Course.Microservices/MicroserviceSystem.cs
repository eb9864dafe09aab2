using System.Security.Cryptography;
using Course.Microservices.Catalog;
using Course.Microservices.Edge;
using Course.Microservices.Hosting;
using Course.Microservices.Identity;
using Course.Microservices.Orders;
using Course.Microservices.Payments;
using Course.Microservices.Security;
using Microsoft.IdentityModel.Tokens;

namespace Course.Microservices;

/// <summary>
/// The week's whole system in this process, each service on its own 127.0.0.1 port with its own SQLite file:
/// a course CA and a token-signing key made now; the authorization server; Catalog (REST + gRPC); Payments (gRPC,
/// mutual TLS); Orders (REST, calls both). What a notebook cell or a test starts; dispose to stop all and delete the data.
/// </summary>
public sealed class MicroserviceSystem : IAsyncDisposable
{
    private readonly List<ServiceHost> _hosts = [];

    private MicroserviceSystem(string dataDirectory, CourseCertificateAuthority authority, RsaSecurityKey signingKey)
    {
        DataDirectory = dataDirectory;
        Authority = authority;
        SigningKey = signingKey;
        Client = new HttpClient(CertificateTrust.Handler(authority.PublicRoot)) { Timeout = TimeSpan.FromSeconds(15) };
    }

    public string DataDirectory { get; }
    public CourseCertificateAuthority Authority { get; }
    public RsaSecurityKey SigningKey { get; }
    public FaultInjector CatalogFaults { get; } = new();

    /// <summary>Makes Payments slow or failing (a gRPC call through a 503 is <c>Unavailable</c> to Orders).</summary>
    public FaultInjector PaymentsFaults { get; } = new();
    public ServiceHost Identity { get; private set; } = null!;
    public ServiceHost Catalog { get; private set; } = null!;
    public ServiceHost Payments { get; private set; } = null!;
    public ServiceHost Orders { get; private set; } = null!;
    public IReadOnlyList<ServiceHost> Hosts => _hosts;

    /// <summary>The API gateway in front of Catalog and Orders (<see cref="EdgeRoute.Defaults"/>).</summary>
    public ApiGateway Gateway { get; private set; } = null!;

    /// <summary>Starts a sidecar in front of Catalog (mutual TLS for callers; retries, timeouts, breaker towards Catalog). The caller disposes it.</summary>
    public Task<Sidecar> StartCatalogSidecarAsync(SidecarResilience? resilience = null, CancellationToken cancellationToken = default) =>
        Sidecar.StartAsync(Catalog.BaseAddress, Authority.IssueServer("catalog-sidecar"), Authority.PublicRoot, requireClientCertificates: true, resilience, cancellationToken);

    /// <summary>An HttpClient that trusts the course CA (and nothing else) and presents no client certificate.</summary>
    public HttpClient Client { get; }

    public Uri Issuer => Identity.BaseAddress;
    public Uri TokenEndpoint => new(Identity.BaseAddress, IdentityServer.TokenPath);

    /// <summary>Makes tokens for the attacks (with the real key where the attack is not about the signature).</summary>
    public TokenForge Forge => new(SigningKey, Issuer);

    public TokenValidation ValidationFor(string audience) => new(Issuer, audience, SigningKey);

    public static Task<MicroserviceSystem> StartAsync(CancellationToken cancellationToken = default) => StartAsync(null, cancellationToken);

    /// <summary>
    /// The same system, plus an event bus: Orders announces each confirmed order on RabbitMQ (<see cref="OrderEvents"/>) and a
    /// <see cref="Shipping"/> consumer reacts — so one request's trace continues through a queue.
    /// </summary>
    public static Task<MicroserviceSystem> StartWithEventsAsync(string rabbitMqConnectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rabbitMqConnectionString);
        return StartAsync(rabbitMqConnectionString, cancellationToken);
    }

    /// <summary>Orders' event publisher, when started with events.</summary>
    public OrderEvents? Events { get; private set; }

    /// <summary>The shipping consumer, when started with events.</summary>
    public Shipping.ShippingConsumer? Shipping { get; private set; }

    private static async Task<MicroserviceSystem> StartAsync(string? rabbitMq, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("course-microservices-").FullName;
        using var rsa = RSA.Create(2048);
        var system = new MicroserviceSystem(directory, CourseCertificateAuthority.Create(), new RsaSecurityKey(rsa.ExportParameters(true)) { KeyId = "course-signing-1" });
        try
        {
            if (rabbitMq is not null)
            {
                system.Shipping = await Course.Microservices.Shipping.ShippingConsumer.StartAsync(rabbitMq,
                    new ServiceHostOptions(Course.Microservices.Shipping.ShippingConsumer.ServiceName, system.Authority.IssueServer("shipping")), cancellationToken).ConfigureAwait(false);
                system.Events = await OrderEvents.ConnectAsync(rabbitMq, cancellationToken).ConfigureAwait(false);
            }
            await system.StartServicesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await system.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return system;
    }

    /// <summary>A fresh access token from the authorization server for one of the <see cref="ClientRegistration.Defaults"/>.</summary>
    public async Task<string> TokenAsync(string clientId, params string[] scopes)
    {
        var client = ClientRegistration.Defaults.Single(c => c.ClientId == clientId);
        var response = await TokenClient.RequestAsync(Client, TokenEndpoint, client.ClientId, client.Secret, string.Join(' ', scopes)).ConfigureAwait(false);
        return response.AccessToken;
    }

    private async Task StartServicesAsync(CancellationToken cancellationToken)
    {
        var root = Authority.PublicRoot;
        Identity = Add(await IdentityServer.StartAsync(new ServiceHostOptions("identity", Authority.IssueServer("identity")),
            new IdentityOptions(SigningKey), cancellationToken).ConfigureAwait(false));
        Catalog = Add(await CatalogService.StartAsync(new ServiceHostOptions("catalog", Authority.IssueServer("catalog")),
            Path.Combine(DataDirectory, "catalog.db"), ValidationFor(Audiences.Catalog), CatalogFaults, cancellationToken).ConfigureAwait(false));
        Payments = Add(await PaymentsService.StartAsync(new ServiceHostOptions("payments", Authority.IssueServer("payments")) { ClientCertificateAuthority = root },
            Path.Combine(DataDirectory, "payments.db"), ValidationFor(Audiences.Payments), PaymentsFaults, cancellationToken).ConfigureAwait(false));
        var ordersClient = ClientRegistration.Defaults.Single(c => c.ClientId == KnownClients.OrdersService);
        Orders = Add(await OrdersService.StartAsync(new ServiceHostOptions("orders", Authority.IssueServer("orders")),
            Path.Combine(DataDirectory, "orders.db"), ValidationFor(Audiences.Orders),
            new OrdersDependencies(Catalog.BaseAddress, Payments.BaseAddress, TokenEndpoint, root, Authority.IssueClient("orders"),
                ordersClient.ClientId, ordersClient.Secret) { Events = Events }, cancellationToken).ConfigureAwait(false));
        var services = new Dictionary<string, Uri> { ["catalog"] = Catalog.BaseAddress, ["orders"] = Orders.BaseAddress };
        Gateway = await ApiGateway.StartAsync(services, EdgeRoute.Defaults, Authority.IssueServer("gateway"), root, ValidationFor(Audiences.Catalog), cancellationToken).ConfigureAwait(false);
    }

    private ServiceHost Add(ServiceHost host)
    {
        _hosts.Add(host);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (Gateway is not null) await Gateway.DisposeAsync().ConfigureAwait(false);
        for (var i = _hosts.Count - 1; i >= 0; i--) await _hosts[i].DisposeAsync().ConfigureAwait(false);
        if (Events is not null) await Events.DisposeAsync().ConfigureAwait(false);
        if (Shipping is not null) await Shipping.DisposeAsync().ConfigureAwait(false);
        Client.Dispose();
        Authority.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { } // a file still open by a stopping service: the temp folder is cleaned by the OS later
    }
}

using Course.Microservices.Catalog;
using Course.Microservices.Edge;
using Course.Microservices.Identity;
using Course.Microservices.Orders;
using Course.Microservices.Payments;
using Course.Microservices.Security;

namespace Course.Microservices.Hosting;

/// <summary>
/// A service as its own process (<c>dotnet run --project services/catalog</c>, a container, a pod): the same
/// in-process hosts, configured from environment variables, running until Ctrl+C or SIGTERM. Defaults put the whole
/// system on 127.0.0.1:5000-5004, so five terminals bring it up (services/README.md).
/// <list type="table">
/// <item><term>PORT</term><description>listening port (default per service, see <see cref="DefaultPorts"/>)</description></item>
/// <item><term>BIND_ANY</term><description>1: listen on every interface (in a container), else 127.0.0.1</description></item>
/// <item><term>SECRETS_DIR</term><description>the shared CA and signing key (<see cref="SharedSecrets"/>); default artifacts/microservices-secrets</description></item>
/// <item><term>DATA_DIR</term><description>where the service keeps its SQLite file; default a temp folder</description></item>
/// <item><term>IDENTITY_URL, CATALOG_URL, PAYMENTS_URL, ORDERS_URL</term><description>the others' addresses</description></item>
/// </list>
/// </summary>
public static class ServiceProcess
{
    public static IReadOnlyDictionary<string, int> DefaultPorts { get; } = new Dictionary<string, int>
    {
        ["gateway"] = 5000, ["identity"] = 5001, ["catalog"] = 5002, ["payments"] = 5003, ["orders"] = 5004,
    };

    public static async Task<int> RunAsync(string service, string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!DefaultPorts.ContainsKey(service))
            throw new ArgumentException($"Unknown service '{service}'; known: {string.Join(", ", DefaultPorts.Keys)}.", nameof(service));
        var secrets = SharedSecrets.LoadOrCreate(Setting("SECRETS_DIR", Path.Combine("artifacts", "microservices-secrets")));
        var data = Setting("DATA_DIR", Directory.CreateTempSubdirectory($"course-{service}-").FullName);
        Directory.CreateDirectory(data);
        var host = new ServiceHostOptions(service, secrets.Authority.IssueServer(service, service))
        {
            Port = int.Parse(Setting("PORT", DefaultPorts[service].ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture),
            AnyAddress = Setting("BIND_ANY", "0") == "1",
            Quiet = false,
        };
        var root = secrets.Authority.PublicRoot;
        TokenValidation Tokens(string audience) => new(Address("identity"), audience, secrets.SigningKey);
        if (service == "gateway")
        {
            var services = new Dictionary<string, Uri> { ["catalog"] = Address("catalog"), ["orders"] = Address("orders") };
            await using var gateway = await ApiGateway.StartAsync(services, EdgeRoute.Defaults, host.Certificate, root, Tokens(Audiences.Catalog)).ConfigureAwait(false);
            Console.WriteLine($"gateway at {gateway.Address}; Ctrl+C to stop");
            await WaitForStopAsync().ConfigureAwait(false);
            return 0;
        }
        var orders = ClientRegistration.Defaults.Single(c => c.ClientId == KnownClients.OrdersService);
        await using var running = service switch
        {
            "identity" => await IdentityServer.StartAsync(host, new IdentityOptions(secrets.SigningKey)).ConfigureAwait(false),
            "catalog" => await CatalogService.StartAsync(host, Path.Combine(data, "catalog.db"), Tokens(Audiences.Catalog)).ConfigureAwait(false),
            "payments" => await PaymentsService.StartAsync(host with { ClientCertificateAuthority = root }, Path.Combine(data, "payments.db"), Tokens(Audiences.Payments)).ConfigureAwait(false),
            _ => await OrdersService.StartAsync(host, Path.Combine(data, "orders.db"), Tokens(Audiences.Orders),
                new OrdersDependencies(Address("catalog"), Address("payments"), new Uri(Address("identity"), IdentityServer.TokenPath), root,
                    secrets.Authority.IssueClient("orders"), orders.ClientId, orders.Secret)).ConfigureAwait(false),
        };
        Console.WriteLine($"{running}; data in {data}; Ctrl+C to stop");
        await running.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    private static Uri Address(string service) =>
        new(Setting($"{service.ToUpperInvariant()}_URL", $"https://127.0.0.1:{DefaultPorts[service]}/"));

    private static string Setting(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;

    private static async Task WaitForStopAsync()
    {
        var stop = new TaskCompletionSource();
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        await stop.Task.ConfigureAwait(false);
    }
}

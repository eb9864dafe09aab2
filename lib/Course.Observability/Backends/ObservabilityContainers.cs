using Course.Infrastructure;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace Course.Observability.Backends;

/// <summary>
/// Jaeger and Grafana, the UIs production teams use, where a Docker engine exists (a Codespace; not this course's CI
/// machine). Without Docker both return an unavailable endpoint with the reason, and the notebook draws the same
/// pictures itself (waterfall from the in-memory collector, RED panels from PromQL).
/// </summary>
public static class ObservabilityContainers
{
    /// <summary>Pinned, like every image the course pulls.</summary>
    public const string JaegerImage = "jaegertracing/all-in-one:1.62.0";
    public const string GrafanaImage = "grafana/grafana:11.3.0";
    private const int OtlpGrpcPort = 4317;
    private const int JaegerUiPort = 16686;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Jaeger all-in-one with its OTLP receiver. The endpoint's <see cref="ServiceEndpoint.ConnectionString"/> is the OTLP
    /// address to put in <see cref="TelemetryOptions.OtlpEndpoint"/>; the UI is on the second mapped port (see Description).
    /// </summary>
    public static async Task<ServiceEndpoint> JaegerAsync(CancellationToken cancellationToken = default)
    {
        var docker = await DockerProbe.CheckAsync(cancellationToken).ConfigureAwait(false);
        if (!docker.IsAvailable) return ServiceEndpoint.Unavailable("Jaeger", $"Jaeger needs Docker ({docker}); traces stay in the in-memory collector");
        var container = new ContainerBuilder(JaegerImage)
            .WithEnvironment("COLLECTOR_OTLP_ENABLED", "true")
            .WithPortBinding(OtlpGrpcPort, assignRandomHostPort: true)
            .WithPortBinding(JaegerUiPort, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(JaegerUiPort).ForPath("/")))
            .Build();
        await StartBoundedAsync(container, cancellationToken).ConfigureAwait(false);
        var otlp = container.GetMappedPublicPort(OtlpGrpcPort);
        var ui = container.GetMappedPublicPort(JaegerUiPort);
        return new ServiceEndpoint("Jaeger", ServiceMode.Testcontainers, "127.0.0.1", otlp,
            $"{JaegerImage}: OTLP on 127.0.0.1:{otlp}, UI at http://127.0.0.1:{ui}/", () => container.DisposeAsync())
        {
            ConnectionString = $"http://127.0.0.1:{otlp}",
        };
    }

    /// <summary>
    /// Grafana with the course's data source and RED dashboard provisioned (files under <c>observability/grafana/</c>),
    /// anonymous read-only access, on 127.0.0.1. It shares the host's network so it can reach Prometheus on loopback.
    /// </summary>
    public static async Task<ServiceEndpoint> GrafanaAsync(Uri prometheus, CancellationToken cancellationToken = default)
    {
        var docker = await DockerProbe.CheckAsync(cancellationToken).ConfigureAwait(false);
        if (!docker.IsAvailable) return ServiceEndpoint.Unavailable("Grafana", $"Grafana needs Docker ({docker}); the notebook draws the RED panels with Plotly instead");
        var files = RepositoryFolder("observability/grafana")
            ?? throw new DirectoryNotFoundException("observability/grafana was not found above the current directory; run from inside the repository");
        var port = FreeLoopbackPort();
        var container = new ContainerBuilder(GrafanaImage)
            .WithCreateParameterModifier(p =>
            {
                p.HostConfig ??= new Docker.DotNet.Models.HostConfig();
                p.HostConfig.NetworkMode = "host";
            })
            .WithEnvironment("GF_SERVER_HTTP_ADDR", "127.0.0.1")
            .WithEnvironment("GF_SERVER_HTTP_PORT", $"{port}")
            .WithEnvironment("GF_AUTH_ANONYMOUS_ENABLED", "true")
            .WithEnvironment("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer")
            .WithEnvironment("PROMETHEUS_URL", prometheus.ToString().TrimEnd('/'))
            .WithBindMount(Path.Combine(files, "provisioning"), "/etc/grafana/provisioning", AccessMode.ReadOnly)
            .WithBindMount(Path.Combine(files, "dashboards"), "/var/lib/grafana/dashboards", AccessMode.ReadOnly)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("HTTP Server Listen"))
            .Build();
        await StartBoundedAsync(container, cancellationToken).ConfigureAwait(false);
        return new ServiceEndpoint("Grafana", ServiceMode.Testcontainers, "127.0.0.1", port,
            $"{GrafanaImage} at http://127.0.0.1:{port}/d/course-red (anonymous viewer)", () => container.DisposeAsync());
    }

    /// <summary>The first folder called <paramref name="relative"/> found walking up from the current directory.</summary>
    public static string? RepositoryFolder(string relative)
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task StartBoundedAsync(IContainer container, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(StartTimeout);
        try { await container.StartAsync(bound.Token).ConfigureAwait(false); }
        catch
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}

using Course.Infrastructure.Processes;
using RabbitMQ.Client;

namespace Course.Infrastructure.Local;

/// <summary>
/// RabbitMQ from the OS packages as a private node: own HOME (Erlang cookie), own epmd on its own port,
/// every listener (AMQP, distribution, epmd) on 127.0.0.1. Ready when an AMQP connection opens (5–8 s).
/// guest/guest works because RabbitMQ allows guest on loopback.
/// </summary>
internal static class LocalRabbitMq
{
    public const string InstallHint = "install with: sudo apt-get install --no-install-recommends rabbitmq-server";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    public static Task<ServiceEndpoint> StartAsync(CancellationToken cancellationToken)
    {
        var server = FindServerScript();
        var epmd = Executables.Find("epmd", "/usr/lib/erlang/bin");
        if (server is null || epmd is null)
            return Task.FromResult(ServiceEndpoint.Unavailable(CourseServices.RabbitMq,
                (server is null ? "rabbitmq-server was not found in /usr/lib/rabbitmq/bin, PATH or /usr/sbin" : "epmd (Erlang) was not found")
                + $"; {InstallHint}"));

        return LocalServer.StartAsync(CourseServices.RabbitMq, "rabbitmq", directory =>
        {
            var (port, distPort, epmdPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
            var environment = Environment(directory, port, distPort, epmdPort);

            // epmd would otherwise be started by Erlang as a daemon that escapes our process group:
            // run it ourselves in the foreground, on its own port, and tell the node not to start one.
            var epmdStep = new ProcessStep("epmd", [epmd, "-port", $"{epmdPort}", "-address", LocalServer.Host],
                token => TcpProbe.AcceptsAsync(LocalServer.Host, epmdPort, TimeSpan.FromSeconds(1), token),
                TimeSpan.FromSeconds(10), environment);
            var node = new ProcessStep("rabbitmq-server", [server],
                token => CanConnectAsync(port, token), ReadyTimeout, environment, StopGrace);

            return new LaunchPlan(port, [epmdStep, node],
                $"local RabbitMQ ({server}) on {LocalServer.Host}:{port} as guest/guest, node {environment["RABBITMQ_NODENAME"]}; "
                + "stops when disposed or when this process exits",
                ConnectionString: Uri(LocalServer.Host, port));
        }, cancellationToken);
    }

    /// <summary>The AMQP URI for the default guest account.</summary>
    public static string Uri(string host, int port) => $"amqp://guest:guest@{host}:{port}/";

    private static Dictionary<string, string> Environment(string directory, int port, int distPort, int epmdPort)
    {
        var home = Directory.CreateDirectory(Path.Combine(directory, "home")).FullName;
        var mnesia = Directory.CreateDirectory(Path.Combine(directory, "mnesia")).FullName;
        var logs = Directory.CreateDirectory(Path.Combine(directory, "log")).FullName;
        var envFile = Path.Combine(directory, "rabbitmq-env.conf");
        var pluginsFile = Path.Combine(directory, "enabled_plugins");
        File.WriteAllText(envFile, "# empty on purpose: ignore /etc/rabbitmq/rabbitmq-env.conf\n");
        File.WriteAllText(pluginsFile, "[].\n");   // no plugins: no management listener on 15672

        return new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["ERL_EPMD_ADDRESS"] = LocalServer.Host,
            ["ERL_EPMD_PORT"] = $"{epmdPort}",
            ["RABBITMQ_NODENAME"] = $"course{port}@localhost",
            ["RABBITMQ_MNESIA_BASE"] = mnesia,
            ["RABBITMQ_LOG_BASE"] = logs,
            ["RABBITMQ_LOGS"] = "-",   // log to stdout, i.e. to our log file, so start-up failures can be shown
            ["RABBITMQ_CONF_ENV_FILE"] = envFile,
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(directory, "rabbitmq"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(directory, "advanced.config"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = pluginsFile,
            ["RABBITMQ_NODE_IP_ADDRESS"] = LocalServer.Host,
            ["RABBITMQ_NODE_PORT"] = $"{port}",
            ["RABBITMQ_DIST_PORT"] = $"{distPort}",
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1} -start_epmd false",
        };
    }

    private static async Task<bool> CanConnectAsync(int port, CancellationToken cancellationToken)
    {
        // The AMQP listener opens last in boot; check the port first to avoid a noisy exception per poll.
        if (!await TcpProbe.AcceptsAsync(LocalServer.Host, port, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false))
            return false;
        var factory = new ConnectionFactory
        {
            Uri = new Uri(Uri(LocalServer.Host, port)),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
            AutomaticRecoveryEnabled = false,
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            return connection.IsOpen;
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException or TimeoutException)
        {
            return false;
        }
    }

    // Debian's /usr/sbin/rabbitmq-server is a wrapper that switches to the rabbitmq user and logs to /var/log;
    // the real start script sits next to it in /usr/lib/rabbitmq/bin.
    private static string? FindServerScript()
    {
        var found = Executables.Find("rabbitmq-server", "/usr/lib/rabbitmq/bin");
        if (found is null) return null;
        var target = new FileInfo(found).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        if (target is not null && Path.GetFileName(target) == "rabbitmq-script-wrapper")
            return Executables.FirstExisting(Path.Combine(Path.GetDirectoryName(target)!, "rabbitmq-server"));
        return found;
    }
}

using Course.Infrastructure.Processes;

namespace Course.Infrastructure.Local;

/// <summary>
/// ZooKeeper 3.8 from the Debian packages (QuorumPeerMain, standalone), client and admin ports on 127.0.0.1.
/// Ready when <c>ruok</c> answers <c>imok</c> and <c>srvr</c> reports a mode, i.e. it serves sessions (~1 s).
/// </summary>
internal static class LocalZooKeeper
{
    public const string InstallHint = "install with: sudo apt-get install --no-install-recommends zookeeper (it brings Java)";
    private const string JavaLibraries = "/usr/share/java";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(40);

    public static Task<ServiceEndpoint> StartAsync(CancellationToken cancellationToken)
    {
        var zookeeperJar = Executables.FirstExisting($"{JavaLibraries}/zookeeper.jar", "/usr/share/zookeeper/zookeeper.jar");
        var java = FindJava();
        if (zookeeperJar is null || java is null)
            return Task.FromResult(ServiceEndpoint.Unavailable(CourseServices.ZooKeeper,
                (zookeeperJar is null ? $"zookeeper.jar was not found in {JavaLibraries}" : "java was not found in JAVA_HOME, PATH or /usr/bin")
                + $"; {InstallHint}"));

        return LocalServer.StartAsync(CourseServices.ZooKeeper, "zookeeper", directory =>
        {
            var port = FreePort.Next();
            var adminPort = FreePort.Next();
            var conf = Directory.CreateDirectory(Path.Combine(directory, "conf")).FullName;
            var data = Directory.CreateDirectory(Path.Combine(directory, "data")).FullName;
            // Without servlet-api.jar the AdminServer silently does not start; disable it then instead of guessing.
            var servletApi = Executables.FirstExisting($"{JavaLibraries}/servlet-api.jar");
            File.WriteAllText(Path.Combine(conf, "zoo.cfg"), Config(port, adminPort, data, adminServer: servletApi is not null));

            var classPath = string.Join(':', new[] { conf, zookeeperJar, Executables.FirstExisting($"{JavaLibraries}/slf4j-simple.jar"), servletApi }
                .OfType<string>());
            string[] command = [java,
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",   // small and quick to start on 2 cores
                "-XX:-UsePerfData",                                             // no /tmp/hsperfdata file left by a SIGKILL
                "-Dzookeeper.jmx.log4j.disable=true",
                "-cp", classPath, "org.apache.zookeeper.server.quorum.QuorumPeerMain", Path.Combine(conf, "zoo.cfg")];
            var server = new ProcessStep("zookeeper", command, token => IsServingAsync(LocalServer.Host, port, token), ReadyTimeout);
            return new LaunchPlan(port, [server],
                $"local ZooKeeper ({zookeeperJar}, standalone) on {LocalServer.Host}:{port}, admin server on {LocalServer.Host}:{adminPort}; "
                + "stops when disposed or when this process exits");
        }, cancellationToken);
    }

    /// <summary>Sends a four-letter word (ruok, srvr, stat, mntr) and returns the answer, or null.</summary>
    public static Task<string?> FourLetterWordAsync(string host, int port, string word, CancellationToken cancellationToken) =>
        TcpProbe.AskAsync(host, port, word, until: null, TimeSpan.FromSeconds(2), cancellationToken);

    /// <summary>
    /// Ready to serve sessions: <c>ruok</c> alone answers <c>imok</c> as soon as the process runs, while <c>srvr</c> still
    /// says "not currently serving requests" for a moment — clients connecting then are dropped in the handshake.
    /// </summary>
    public static async Task<bool> IsServingAsync(string host, int port, CancellationToken cancellationToken) =>
        await FourLetterWordAsync(host, port, "ruok", cancellationToken).ConfigureAwait(false) == "imok"
        && (await FourLetterWordAsync(host, port, "srvr", cancellationToken).ConfigureAwait(false))?.Contains("Mode: ") == true;

    private static string Config(int port, int adminPort, string data, bool adminServer) => $"""
        tickTime=2000
        dataDir={data}
        clientPort={port}
        clientPortAddress={LocalServer.Host}
        maxClientCnxns=100
        admin.enableServer={(adminServer ? "true" : "false")}
        admin.serverAddress={LocalServer.Host}
        admin.serverPort={adminPort}
        4lw.commands.whitelist=ruok,srvr,stat,mntr
        """;

    private static string? FindJava()
    {
        var javaHome = Environment.GetEnvironmentVariable("JAVA_HOME");
        if (!string.IsNullOrEmpty(javaHome) && File.Exists(Path.Combine(javaHome, "bin", "java")))
            return Path.Combine(javaHome, "bin", "java");
        return Executables.Find("java");
    }
}

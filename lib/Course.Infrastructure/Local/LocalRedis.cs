using Course.Infrastructure.Processes;

namespace Course.Infrastructure.Local;

/// <summary>redis-server from the OS packages: no persistence, loopback only, ready when PING answers (~0.1 s).</summary>
internal static class LocalRedis
{
    public const string InstallHint = "install with: sudo apt-get install --no-install-recommends redis-server";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);

    public static Task<ServiceEndpoint> StartAsync(CancellationToken cancellationToken)
    {
        var binary = Executables.Find("redis-server");
        if (binary is null)
            return Task.FromResult(ServiceEndpoint.Unavailable(CourseServices.Redis,
                $"redis-server was not found in PATH, /usr/bin or /usr/sbin; {InstallHint}"));

        return LocalServer.StartAsync(CourseServices.Redis, "redis", directory =>
        {
            var port = FreePort.Next();
            string[] command = [binary, "--port", $"{port}", "--bind", LocalServer.Host, "--dir", directory,
                "--save", "", "--appendonly", "no", "--daemonize", "no"];
            var server = new ProcessStep("redis-server", command, token => PingAsync(port, token), ReadyTimeout);
            return new LaunchPlan(port, [server],
                $"local redis-server ({binary}) on {LocalServer.Host}:{port}, no persistence; stops when disposed or when this process exits");
        }, cancellationToken);
    }

    private static async Task<bool> PingAsync(int port, CancellationToken cancellationToken)
    {
        var answer = await TcpProbe.AskAsync(LocalServer.Host, port, "PING\r\n", "\r\n", TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        return answer?.StartsWith("+PONG", StringComparison.Ordinal) == true;
    }
}

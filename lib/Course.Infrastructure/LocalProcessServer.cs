using Course.Infrastructure.Local;
using Course.Infrastructure.Processes;

namespace Course.Infrastructure;

/// <summary>What <see cref="LocalProcessServer.StartAsync"/> hands the caller's plan: a fresh data directory and a free loopback port.</summary>
/// <param name="Directory">A temp directory for config, data and logs; deleted when the server stops.</param>
/// <param name="Port">A port that was free on 127.0.0.1 a moment ago (the start is retried on a clash).</param>
public sealed record LocalServerSlot(string Directory, int Port);

/// <summary>
/// How to run one server binary: its arguments, how to tell it is ready, and a sentence describing it.
/// </summary>
public sealed record LocalServerCommand(
    IReadOnlyList<string> Arguments,
    Func<CancellationToken, Task<bool>> IsReady,
    string Description)
{
    /// <summary>How long start-up may take before it counts as failed (default 20 s).</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>Extra environment variables for the process.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}

/// <summary>
/// Runs an OS-packaged server (HAProxy, Prometheus, …) the way the course runs Redis and RabbitMQ: a child process group
/// on 127.0.0.1 with a temp directory, a bounded readiness wait, retried on a port clash, stopped when the endpoint is
/// disposed — and by a watchdog when this process dies, even on SIGKILL.
/// </summary>
public static class LocalProcessServer
{
    /// <summary>The full path of an executable in PATH or the usual Debian directories (sbin included), or null.</summary>
    public static string? FindExecutable(string name) => Executables.Find(name);

    /// <summary>
    /// Starts <paramref name="executable"/> (a name looked up like <see cref="FindExecutable"/>, or a path). The returned endpoint
    /// is unavailable, with the reason and <paramref name="installHint"/>, when the binary is missing or never became ready.
    /// </summary>
    /// <param name="service">A display name, e.g. "HAProxy".</param>
    /// <param name="plan">Writes any config into the slot's directory and returns the command; called again on a port clash.</param>
    public static Task<ServiceEndpoint> StartAsync(
        string service,
        string executable,
        string installHint,
        Func<LocalServerSlot, LocalServerCommand> plan,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(executable);
        ArgumentNullException.ThrowIfNull(plan);
        var binary = executable.Contains('/') ? (File.Exists(executable) ? executable : null) : Executables.Find(executable);
        if (binary is null)
            return Task.FromResult(ServiceEndpoint.Unavailable(service,
                $"{executable} was not found in PATH, /usr/bin or /usr/sbin; {installHint}"));

        var prefix = new string(service.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
        return LocalServer.StartAsync(service, prefix, directory =>
        {
            var port = FreePort.Next();
            var command = plan(new LocalServerSlot(directory, port));
            var step = new ProcessStep(prefix, [binary, .. command.Arguments], command.IsReady, command.ReadyTimeout, command.Environment);
            return new LaunchPlan(port, [step], command.Description);
        }, cancellationToken);
    }

    /// <summary>A readiness check that passes once something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static Func<CancellationToken, Task<bool>> AcceptsConnections(int port) =>
        token => TcpProbe.AcceptsAsync(LocalServer.Host, port, TimeSpan.FromSeconds(1), token);
}

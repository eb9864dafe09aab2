using Course.Infrastructure;

namespace Course.Gateway.Haproxy;

/// <summary>
/// HAProxy from the OS package, started by Course.Infrastructure's <see cref="LocalProcessServer"/> (a supervised child process
/// on 127.0.0.1 that dies with its owner, even on SIGKILL) from a config generated into its temp directory.
/// When the binary is missing the endpoint is unavailable with the reason — callers skip, they never pass silently.
/// </summary>
public static class HaproxyProcess
{
    public const string InstallHint = "install with: sudo apt-get install --no-install-recommends haproxy";

    /// <summary>Starts <c>haproxy -db -f &lt;generated&gt;</c> in front of <paramref name="servers"/>; dispose the endpoint to stop it.</summary>
    public static Task<ServiceEndpoint> StartAsync(HaproxyBalance balance, IEnumerable<HaproxyServer> servers, CancellationToken cancellationToken = default)
    {
        var list = servers.ToArray();
        _ = HaproxyConfig.Render(1, balance, list);   // bad input fails here, before any process starts
        return LocalProcessServer.StartAsync("HAProxy", "haproxy", InstallHint, slot =>
        {
            var path = Path.Combine(slot.Directory, "haproxy.cfg");
            File.WriteAllText(path, HaproxyConfig.Render(slot.Port, balance, list));
            return new LocalServerCommand(["-db", "-f", path], LocalProcessServer.AcceptsConnections(slot.Port),
                $"HAProxy ({HaproxyConfig.Keyword(balance)}) on 127.0.0.1:{slot.Port} over {string.Join(", ", list.Select(s => s.Name))}");
        }, cancellationToken);
    }

    /// <summary>The same, over loopback backends (server name = backend name).</summary>
    public static Task<ServiceEndpoint> StartAsync(HaproxyBalance balance, IEnumerable<Backends.LoopbackBackend> backends, CancellationToken cancellationToken = default) =>
        StartAsync(balance, backends.Select(b => new HaproxyServer(b.Name, b.Address)), cancellationToken);

    /// <summary>The endpoint as an HTTP base address.</summary>
    public static Uri HttpAddress(ServiceEndpoint endpoint) => new($"http://{endpoint.Address}/");
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Course.Infrastructure;

/// <summary>
/// Is a Docker engine answering? <c>GET /_ping</c> over DOCKER_HOST (or /var/run/docker.sock) with a hard
/// 2 s limit. We ask ourselves because Testcontainers' own probe hung for minutes on a socket that accepts
/// and never answers. The answer is cached for the life of the process.
/// </summary>
public static class DockerProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private const string DefaultSocket = "unix:///var/run/docker.sock";
    private static readonly Lazy<Task<DockerStatus>> Cached = new(() => PingAsync(DefaultEndpoint, Timeout));

    /// <summary>DOCKER_HOST when set, otherwise the default unix socket.</summary>
    public static string DefaultEndpoint =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : DefaultSocket;

    /// <summary>The cached answer for <see cref="DefaultEndpoint"/> (probed once per process, at most ~2 s).</summary>
    public static Task<DockerStatus> CheckAsync(CancellationToken cancellationToken = default) =>
        Cached.Value.WaitAsync(cancellationToken);

    /// <summary>
    /// Probes <paramref name="endpoint"/> (<c>unix:///path</c>, a bare socket path, or <c>tcp://host:port</c>) now,
    /// uncached. Never takes much longer than <paramref name="timeout"/> and never throws for an unreachable engine.
    /// </summary>
    public static async Task<DockerStatus> PingAsync(string endpoint, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        try
        {
            // WaitAsync as a second fence: the limit holds even if a socket call ignored its token.
            var detail = await PingCoreAsync(endpoint, bound.Token).WaitAsync(timeout + TimeSpan.FromMilliseconds(250), cancellationToken)
                .ConfigureAwait(false);
            return new DockerStatus(detail is null, endpoint, detail ?? "OK");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested &&
                                  e is OperationCanceledException or TimeoutException)
        {
            return new DockerStatus(false, endpoint, $"no answer to GET /_ping within {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is SocketException or IOException)
        {
            return new DockerStatus(false, endpoint, e.Message);
        }
    }

    // Null when the engine answered 200 OK; otherwise why not.
    private static async Task<string?> PingCoreAsync(string endpoint, CancellationToken cancellationToken)
    {
        if (!TryParse(endpoint, out var address, out var why)) return why;
        if (address is UnixDomainSocketEndPoint && !File.Exists(address.ToString())) return "socket not found";

        using var socket = address is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
        var request = Encoding.ASCII.GetBytes("GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n");
        await socket.SendAsync(request, SocketFlags.None, cancellationToken).ConfigureAwait(false);

        var answer = new StringBuilder();
        var buffer = new byte[1024];
        while (answer.Length < 16 * 1024)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
            var text = answer.ToString();
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal)) break;   // the status line is all we need
            if (text.Contains('\n') && !text.StartsWith("HTTP/", StringComparison.Ordinal)) break;   // not an HTTP server
        }
        var status = answer.ToString().Split("\r\n")[0];
        return status.StartsWith("HTTP/1.", StringComparison.Ordinal) && status.Contains(" 200", StringComparison.Ordinal)
            ? null
            : $"unexpected answer to GET /_ping: '{(status.Length == 0 ? "(nothing)" : status)}'";
    }

    private static bool TryParse(string endpoint, out EndPoint address, out string why)
    {
        address = null!;
        why = "";
        if (endpoint.StartsWith("unix://", StringComparison.Ordinal) || endpoint.StartsWith('/'))
        {
            address = new UnixDomainSocketEndPoint(endpoint.StartsWith('/') ? endpoint : endpoint["unix://".Length..]);
            return true;
        }
        if (endpoint.StartsWith("tcp://", StringComparison.Ordinal)
            && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Port > 0)
        {
            address = new DnsEndPoint(uri.Host, uri.Port);
            return true;
        }
        why = $"unsupported Docker endpoint '{endpoint}' (expected unix:///path or tcp://host:port)";
        return false;
    }
}

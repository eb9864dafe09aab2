using System.Net.Sockets;
using System.Text;

namespace Course.Infrastructure.Processes;

/// <summary>Tiny bounded TCP checks: does a port accept, and what does a one-line text command answer.</summary>
internal static class TcpProbe
{
    /// <summary>True when <paramref name="host"/>:<paramref name="port"/> accepts a connection within <paramref name="timeout"/>.</summary>
    public static async Task<bool> AcceptsAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, bound.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> and reads until the answer contains <paramref name="until"/> or the server
    /// closes (null <paramref name="until"/>: read to the close); null when nothing could be exchanged within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<string?> AskAsync(string host, int port, string request, string? until, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, bound.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), bound.Token).ConfigureAwait(false);
            var answer = new StringBuilder();
            var buffer = new byte[4096];
            while (answer.Length < 1 << 20)
            {
                var read = await stream.ReadAsync(buffer, bound.Token).ConfigureAwait(false);
                if (read == 0) break;
                answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
                if (until is not null && answer.ToString().Contains(until, StringComparison.Ordinal)) break;
            }
            return answer.ToString();
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}

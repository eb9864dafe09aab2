using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Course.Infrastructure.Tests;

public sealed class DockerProbeTests : IDisposable
{
    private readonly string _socketPath = Path.Combine(Path.GetTempPath(), $"course-fake-docker-{Guid.NewGuid():N}.sock");
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly List<Socket> _accepted = [];

    public DockerProbeTests()
    {
        _listener.Bind(new UnixDomainSocketEndPoint(_socketPath));
        _listener.Listen(8);
    }

    [Fact]
    public async Task A_socket_that_accepts_and_never_answers_gives_false_after_its_timeout()
    {
        _ = AcceptAsync(answer: null);
        var clock = Stopwatch.StartNew();
        var status = await DockerProbe.PingAsync("unix://" + _socketPath, DockerProbe.Timeout);
        clock.Stop();

        Assert.False(status.IsAvailable);
        Assert.Contains("no answer", status.Detail);
        // Not early (the timeout is 2 s); the upper bound only says it gave up rather than hanging (a loaded CI machine is slow).
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_engine_that_answers_ping_is_available()
    {
        _ = AcceptAsync("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nOK");
        var status = await DockerProbe.PingAsync(_socketPath, DockerProbe.Timeout);
        Assert.True(status.IsAvailable, status.Detail);
    }

    [Fact]
    public async Task Something_else_on_the_socket_is_not_an_engine()
    {
        _ = AcceptAsync("SSH-2.0-OpenSSH_9.2\r\n");
        var status = await DockerProbe.PingAsync("unix://" + _socketPath, DockerProbe.Timeout);
        Assert.False(status.IsAvailable);
        Assert.Contains("unexpected answer", status.Detail);
    }

    [Theory]
    [InlineData("unix:///nonexistent/docker.sock", "socket not found")]
    [InlineData("npipe:////./pipe/docker_engine", "unsupported")]
    public async Task A_missing_or_unsupported_endpoint_is_false_at_once(string endpoint, string detail)
    {
        var clock = Stopwatch.StartNew();
        var status = await DockerProbe.PingAsync(endpoint, DockerProbe.Timeout);
        Assert.False(status.IsAvailable);
        Assert.Contains(detail, status.Detail);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task The_cached_check_of_this_machine_answers_without_waiting_twice()
    {
        var clock = Stopwatch.StartNew();
        var first = await DockerProbe.CheckAsync();
        var second = await DockerProbe.CheckAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");   // one probe at most, not two
        Assert.Same(first, second);
    }

    private async Task AcceptAsync(string? answer)
    {
        var client = await _listener.AcceptAsync();
        lock (_accepted) _accepted.Add(client);
        if (answer is null) return;   // hold the connection open and say nothing
        var buffer = new byte[1024];
        await client.ReceiveAsync(buffer, SocketFlags.None);
        await client.SendAsync(Encoding.ASCII.GetBytes(answer), SocketFlags.None);
    }

    public void Dispose()
    {
        lock (_accepted) foreach (var socket in _accepted) socket.Dispose();
        _listener.Dispose();
        File.Delete(_socketPath);
    }
}

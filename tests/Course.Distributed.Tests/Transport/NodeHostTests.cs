using System.Net;
using System.Net.Sockets;
using Course.Distributed.Transport;
using Course.Simulation;

namespace Course.Distributed.Tests.Transport;

[Collection(RealNetwork.Collection)]
public sealed class NodeHostTests : IDisposable
{
    private static readonly NodeId[] Pair = [0, 1];

    /// <summary>How long a wait for something that must happen may take. Generous: a CI machine running other test
    /// assemblies can starve the thread pool for seconds (a 3 s bound failed there), and a wait that succeeds returns early.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _dir = Directory.CreateTempSubdirectory("course-host-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private NodeHost<string> Start(NodeId id, PingNode node, PeerDirectory directory, EventLog events, TransportStats? stats = null) =>
        NodeHost<string>.Start(id, Pair, node, new StringCodec(), directory, new NodeHostOptions
        {
            StorageDirectory = Path.Combine(_dir, id.ToString()),
            Events = events,
            Stats = stats,
            FlushToDisk = false,
        });

    [Fact]
    public async Task TwoHostsTickAndExchangeMessagesEachOnOneThread()
    {
        var directory = new PeerDirectory();
        var events = new EventLog();
        PingNode a = new(), b = new();
        await using var hostA = Start(0, a, directory, events);
        await using var hostB = Start(1, b, directory, events);

        var done = await Eventually.TrueAsync(async () =>
            await hostA.InvokeAsync(() => a.PongsReceived) >= 5 && await hostB.InvokeAsync(() => b.PongsReceived) >= 5, Patience);
        Assert.True(done, events.Tail());

        // The real clock drives ticks at most every 10 ms. Only the upper bound is a property of the host: ticks missed
        // while the thread was stalled are skipped, never replayed in a burst. How many are missed depends on the load
        // of the machine (a CI run saw 42 of an expected 97), so the lower bound only says the clock ticked.
        var (ticks, first, last) = await hostA.InvokeAsync(() => (a.Ticks, a.FirstTickAt, a.LastTickAt));
        var atMost = (last - first).TotalMilliseconds / 10 + 1;
        Assert.InRange(ticks, 2, atMost * 1.05 + 2);

        // Start, Receive, Tick and our calls all ran on the host's one thread.
        Assert.Single(a.Threads);
        Assert.Single(b.Threads);
        Assert.NotEqual(a.Threads.Single(), b.Threads.Single());

        Assert.True(hostA.Stats.Sent > 0 && hostA.Stats.Received > 0);
        Assert.True(hostA.Stats.SentOfKind("String") > 0);
        Assert.True(hostA.IsConnectedTo(1));
    }

    [Fact]
    public async Task AKilledNodeRestartsFromItsDiskAndReconnects()
    {
        var directory = new PeerDirectory();
        var events = new EventLog();
        var stats = new TransportStats();
        PingNode a = new(), b = new();
        await using var hostA = Start(0, a, directory, events);
        var hostB = Start(1, b, directory, events, stats);
        Assert.Equal(1, await hostB.InvokeAsync(() => b.Boots));
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(hostB.IsConnectedTo(0)), Patience), events.Tail());

        var port = hostB.EndPoint.Port;
        await hostB.StopAsync();
        Assert.False(hostB.IsRunning);
        await Assert.ThrowsAsync<NodeDownException>(() => hostB.InvokeAsync(() => 0));
        Assert.Null(directory.Resolve(1));
        AssertPortFree(port);

        // Pings to the dead node are dropped, not hoarded.
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(hostA.Stats.Dropped > 0), Patience), events.Tail());

        var b2 = new PingNode();
        await using var hostB2 = Start(1, b2, directory, events, stats);
        Assert.Equal(2, await hostB2.InvokeAsync(() => b2.Boots)); // the durable boot counter survived
        var before = await hostA.InvokeAsync(() => a.PongsReceived);
        Assert.True(await Eventually.TrueAsync(async () => await hostA.InvokeAsync(() => a.PongsReceived) > before + 2, Patience), events.Tail());
        Assert.True(stats.Connects >= 2); // the counters carried over the restart
    }

    [Fact]
    public async Task AThrowingNodeCrashesItsHostOnly()
    {
        var directory = new PeerDirectory();
        var events = new EventLog();
        PingNode a = new(), b = new();
        await using var hostA = Start(0, a, directory, events);
        await using var hostB = Start(1, b, directory, events);
        await hostB.InvokeAsync(() => b.ThrowOnNextTick = true);
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(!hostB.IsRunning), Patience));
        Assert.IsType<InvalidOperationException>(hostB.Fault);
        Assert.True(hostA.IsRunning);
        Assert.Contains(events.Snapshot(), e => e.Node == 1 && e.Detail.StartsWith("fault", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AStrangerSpeakingAnotherProtocolIsRefused()
    {
        var directory = new PeerDirectory();
        var events = new EventLog();
        var node = new PingNode();
        await using var host = NodeHost<string>.Start(0, [0], node, new StringCodec(), directory, new NodeHostOptions { Events = events });
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(host.EndPoint);
            await client.GetStream().WriteAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());
            Assert.True(await Eventually.TrueAsync(() => Task.FromResult(events.Snapshot().Any(e => e.Detail.StartsWith("refused", StringComparison.Ordinal))), Patience));
        }
        Assert.True(host.IsRunning);
        Assert.Equal(0, await host.InvokeAsync(() => node.PingsReceived));
    }

    [Fact]
    public async Task AHostWithoutAStorageDirectoryCleansUpItsTempDirectory()
    {
        var host = NodeHost<string>.Start(0, [0], new PingNode(), new StringCodec(), new PeerDirectory());
        var dir = host.Storage.Directory;
        Assert.True(Directory.Exists(dir));
        await host.DisposeAsync();
        Assert.False(Directory.Exists(dir));
    }

    private static void AssertPortFree(int port)
    {
        var probe = new TcpListener(IPAddress.Loopback, port);
        probe.Start();
        probe.Stop();
    }
}

using Course.Infrastructure.Tests.Support;

namespace Course.Infrastructure.Tests;

/// <summary>The public way to run any OS-packaged server (HAProxy, Prometheus): started ready, stopped without leaks.</summary>
public sealed class LocalProcessServerTests
{
    [SkippableFact]
    public async Task Starts_a_binary_on_a_free_loopback_port_and_stops_it_on_dispose()
    {
        Skip.If(LocalProcessServer.FindExecutable("redis-server") is null, "redis-server is not installed");
        var seenSlot = default(LocalServerSlot);
        var server = await LocalProcessServer.StartAsync("Generic", "redis-server", "apt-get install redis-server", slot =>
        {
            seenSlot = slot;
            return new LocalServerCommand(
                ["--port", $"{slot.Port}", "--bind", "127.0.0.1", "--dir", slot.Directory, "--save", "", "--appendonly", "no"],
                LocalProcessServer.AcceptsConnections(slot.Port),
                $"redis-server as a generic process on {slot.Port}");
        });
        await using (server)
        {
            Assert.True(server.IsAvailable, server.Description);
            Assert.Equal("127.0.0.1", server.Host);
            Assert.Equal(seenSlot!.Port, server.Port);
            Assert.Equal(seenSlot.Directory, server.DataDirectory);
            Assert.True(Directory.Exists(seenSlot.Directory));

            var assertNoLeaks = Leaks.ExpectNoneAfterDispose(server);
            await server.DisposeAsync();
            await assertNoLeaks();
            Assert.False(await LocalProcessServer.AcceptsConnections(seenSlot.Port)(CancellationToken.None));
            Assert.False(Directory.Exists(seenSlot.Directory));
        }
    }

    [Fact]
    public async Task A_missing_binary_is_unavailable_with_the_install_hint()
    {
        var server = await LocalProcessServer.StartAsync("Nothing", "course-no-such-binary", "install the thing",
            _ => throw new InvalidOperationException("the plan must not run when the binary is missing"));
        Assert.False(server.IsAvailable);
        Assert.Contains("course-no-such-binary was not found", server.Description);
        Assert.Contains("install the thing", server.Description);
    }

    [SkippableFact]
    public async Task A_server_that_exits_at_start_up_is_unavailable_with_its_log()
    {
        Skip.If(LocalProcessServer.FindExecutable("redis-server") is null, "redis-server is not installed");
        var server = await LocalProcessServer.StartAsync("Broken", "redis-server", "-", slot =>
            new LocalServerCommand(["--no-such-option", "1"], LocalProcessServer.AcceptsConnections(slot.Port), "broken"));
        Assert.False(server.IsAvailable);
        Assert.Contains("exited during start-up", server.Description);
    }
}

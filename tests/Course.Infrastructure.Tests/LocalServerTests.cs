using System.Diagnostics;
using Course.Infrastructure.Local;
using Course.Infrastructure.Tests.Support;

namespace Course.Infrastructure.Tests;

/// <summary>The start/stop machinery with stand-in "servers" (sh, sleep): failures are explained and clean up.</summary>
public sealed class LocalServerTests
{
    [Fact]
    public async Task A_server_that_dies_at_start_gives_unavailable_with_its_log_tail_and_leaves_nothing()
    {
        string? directory = null;
        var endpoint = await LocalServer.StartAsync("Fake", "fake", dir =>
        {
            directory = dir;
            return Plan(["sh", "-c", "echo 'boom: config is broken' >&2; exit 3"], TimeSpan.FromSeconds(10));
        }, default);

        Assert.False(endpoint.IsAvailable);
        Assert.Contains("exited during start-up", endpoint.Description);
        Assert.Contains("boom: config is broken", endpoint.Description);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task A_server_that_never_gets_ready_is_stopped_after_the_timeout()
    {
        string? directory = null;
        var clock = Stopwatch.StartNew();
        var endpoint = await LocalServer.StartAsync("Fake", "fake", dir =>
        {
            directory = dir;
            return Plan(["sleep", "300"], TimeSpan.FromSeconds(1));
        }, default);

        Assert.False(endpoint.IsAvailable);
        Assert.Contains("not ready within 1 s", endpoint.Description);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Empty(await ProcessTable.WaitUntilNoneAsync(ProcessTable.StartedFor(directory!, 0), TimeSpan.FromSeconds(10)));
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task Cancelling_a_start_stops_what_was_started()
    {
        string? directory = null;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LocalServer.StartAsync("Fake", "fake", dir =>
        {
            directory = dir;
            return Plan(["sleep", "300"], TimeSpan.FromSeconds(30));
        }, cancel.Token));

        Assert.Empty(await ProcessTable.WaitUntilNoneAsync(ProcessTable.StartedFor(directory!, 0), TimeSpan.FromSeconds(10)));
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task A_ready_server_is_stopped_by_dispose_even_if_it_ignores_SIGTERM()
    {
        // trap '' TERM: the group gets SIGKILL after the grace period.
        var endpoint = await LocalServer.StartAsync("Fake", "fake", _ => new LaunchPlan(1,
            [new ProcessStep("stubborn", ["sh", "-c", "trap '' TERM; while :; do sleep 0.1; done"],
                _ => Task.FromResult(true), TimeSpan.FromSeconds(5), StopGrace: TimeSpan.FromSeconds(1))],
            "stubborn stand-in"), default);
        Assert.True(endpoint.IsAvailable, endpoint.Description);

        var assertNoLeaks = Leaks.ExpectNoneAfterDispose(endpoint);
        var clock = Stopwatch.StartNew();
        await endpoint.DisposeAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stop took {clock.Elapsed}");
        await assertNoLeaks();
    }

    private static LaunchPlan Plan(string[] command, TimeSpan readyTimeout) =>
        new(1, [new ProcessStep("fake", command, _ => Task.FromResult(false), readyTimeout)], "stand-in");
}

using Course.Distributed.Paxos;
using Course.Simulation;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Paxos;

/// <summary>
/// "Paxos Made Simple" §2.5: an acceptor records its intended response in stable storage before sending it.
/// These tests show the checker catches an acceptor that skips this for promises, and that the real one holds.
/// </summary>
public class PersistenceTests(ITestOutputHelper output)
{
    private const int Seeds = 1000;

    [Fact]
    public void AnAcceptorThatForgetsItsPromisesLetsTwoValuesBeLearnedOnSomeSeed()
    {
        var broken = new PaxosOptions { PersistPromises = false };
        var caught = Enumerable.Range(1, Seeds).Select(seed => AmnesiaScenario.Run(seed, broken))
            .Where(o => o.Violations.Count > 0).ToList();

        Assert.True(caught.Count > 0, $"seeds 1..{Seeds}: the checker never caught the forgetful acceptor");
        Assert.Contains(caught[0].Violations, v => v.Contains("but", StringComparison.Ordinal)); // two different values learned
        output.WriteLine($"caught on {caught.Count} of {Seeds} seeds (e.g. {string.Join(", ", caught.Take(5).Select(o => o.Seed))}); first:\n{caught[0].Describe()}");
    }

    [Fact]
    public void TheRealAcceptorIsSafeOnTheSameSeeds()
    {
        var failures = Enumerable.Range(1, Seeds).Select(seed => AmnesiaScenario.Run(seed, new PaxosOptions()))
            .Where(o => o.Violations.Count > 0 || !o.Live).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} failing seeds; first:\n{failures.FirstOrDefault()?.Describe()}");
    }

    [Fact]
    public void APromiseIsOnDiskBeforeThePromiseMessageLeaves()
    {
        var cluster = new PaxosCluster(3, seed: 6, simulationOptions: new SimulationOptions
        {
            Network = NetworkConditions.Reliable with { Latency = Latency.Constant(TimeSpan.FromMilliseconds(5)) },
        });
        cluster.Disconnect(0); // n1 and n2 answer n2's Prepare; nothing reaches Accept yet because we crash first
        cluster.Propose(2, "v2");
        cluster.RunFor(TimeSpan.FromMilliseconds(7)); // Prepare delivered at 5 ms, Promise in flight
        Assert.Equal(new Ballot(1, 2), cluster.NodeOrNull(1)!.Promised);
        cluster.Crash(1);
        cluster.Restart(1);
        Assert.Equal(new Ballot(1, 2), cluster.NodeOrNull(1)!.Promised);
    }

    [Fact]
    public void ARestartedProposerNeverReusesABallot()
    {
        var cluster = new PaxosCluster(3, seed: 8);
        cluster.Disconnect(0);                                    // n0 cannot finish, so it keeps retrying higher ballots
        cluster.Propose(0, "v0");
        cluster.RunFor(TimeSpan.FromMilliseconds(500));
        var before = cluster.NodeOrNull(0)!.CurrentBallot;
        Assert.True(before.Round >= 2, $"seed 8: expected retries, last ballot {before}");
        cluster.Crash(0);
        cluster.Restart(0);
        var restartedAt = cluster.Now;
        cluster.RunFor(TimeSpan.FromMilliseconds(500));

        var after = cluster.Simulation.Trace.Notes("ballot").Where(e => e.Node == 0 && e.Time >= restartedAt)
            .Select(e => int.Parse(e.Detail.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(after);
        Assert.True(after[0] > before.Round, $"seed 8: n0 used round {after[0]} after a restart, but had reached {before.Round} before it");
    }
}

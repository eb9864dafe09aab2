using System.Diagnostics;
using Course.Distributed.Paxos;
using Course.Simulation;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Paxos;

public class SingleDecreeTests(ITestOutputHelper output)
{
    [Fact]
    public void OneProposerInACalmNetworkGetsItsValueChosenEverywhere()
    {
        var cluster = new PaxosCluster(3, seed: 1);
        cluster.Propose(0, "apple");
        Assert.True(cluster.RunUntil(() => cluster.AllLiveLearned, TimeSpan.FromSeconds(1)), "seed 1: nobody learned");
        Assert.All(cluster.Nodes, n => Assert.Equal("apple", cluster.LearnedValue(n)));
        Assert.Empty(cluster.SafetyViolations());
        // One Prepare round and one Accept round: 3 + 3 requests, 3 promises, 3 × 3 Accepted.
        Assert.Single(cluster.Simulation.Trace.Notes("ballot"));
        Assert.Equal(18, cluster.Simulation.Stats.Sent);
    }

    [Fact]
    public void ALaterProposerAdoptsTheValueAlreadyAccepted()
    {
        var cluster = new PaxosCluster(3, seed: 2);
        cluster.Propose(0, "first");
        cluster.RunUntil(() => cluster.AllLiveLearned, TimeSpan.FromSeconds(1));
        cluster.Propose(2, "second"); // n2 already learned: nothing changes
        var late = new PaxosCluster(3, seed: 3);
        late.Propose(0, "first");
        late.RunUntil(() => late.NodeOrNull(1)!.AcceptedProposal.Value is not null, TimeSpan.FromSeconds(1));
        late.Crash(0);                              // the first proposer dies mid-way
        late.Propose(2, "second");                  // P2c: n2's phase 1 must find "first" and re-propose it
        Assert.True(late.RunUntil(() => late.NodeOrNull(2)!.LearnedValue is not null, TimeSpan.FromSeconds(2)), "seed 3: n2 never learned");
        Assert.Equal("first", late.LearnedValue(2));
        Assert.Empty(late.SafetyViolations());
        Assert.Equal("first", cluster.LearnedValue(2));
    }

    [Fact]
    public void DuellingProposersAreVisibleInTheTraceAndStillConverge()
    {
        var cluster = new PaxosCluster(5, seed: 4, simulationOptions: new SimulationOptions { Network = NetworkConditions.Unreliable });
        for (var n = 0; n < 5; n++) cluster.Propose(n, $"value-{n}");
        Assert.True(cluster.RunUntil(() => cluster.AllLiveLearned, TimeSpan.FromSeconds(5)), "seed 4: no decision");
        Assert.Empty(cluster.SafetyViolations());
        Assert.Single(cluster.Nodes.Select(cluster.LearnedValue).Distinct());
        var trace = cluster.Simulation.Trace;
        Assert.True(trace.Notes("ballot").Count() >= 5, "seed 4: every proposer should have started a ballot");
        Assert.True(trace.Notes("preempted").Count() >= 2, "seed 4: competing ballots should pre-empt each other");
        Assert.NotEmpty(trace.Notes("promise"));
        Assert.NotEmpty(trace.Notes("accept"));
        Assert.Equal(5, trace.Notes("learned").Count());
    }

    [Fact]
    public void ALearnerThatMissedEverythingAsksAndLearns()
    {
        var cluster = new PaxosCluster(3, seed: 5);
        cluster.Disconnect(2);
        cluster.Propose(0, "x");
        cluster.RunUntil(() => cluster.NodeOrNull(0)!.LearnedValue is not null, TimeSpan.FromSeconds(1));
        cluster.RunFor(TimeSpan.FromSeconds(1)); // n0 has stopped proposing
        Assert.Null(cluster.LearnedValue(2));
        cluster.Connect(2);
        Assert.True(cluster.RunUntil(() => cluster.AllLiveLearned, TimeSpan.FromSeconds(1)), "seed 5: n2 never caught up");
        Assert.Equal("x", cluster.LearnedValue(2));
    }

    [Fact]
    public void AThousandSeedsOfRandomFaultsAreSafeAndLiveOnceCalm()
    {
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        long events = 0;
        for (var seed = 1; seed <= 1000; seed++)
        {
            var outcome = SingleDecreeScenario.Run(seed);
            events += outcome.Cluster.Simulation.EventsProcessed;
            if (outcome.Violations.Count > 0 || !outcome.Live) failures.Add(outcome.Describe());
        }
        output.WriteLine($"1000 seeds, {events:N0} events, {clock.ElapsedMilliseconds} ms");
        Assert.True(failures.Count == 0, $"{failures.Count} failing seeds; first:\n{failures.FirstOrDefault()}");
    }
}

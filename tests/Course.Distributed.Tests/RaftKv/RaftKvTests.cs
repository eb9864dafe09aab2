using Course.Distributed.Linearizability;
using Course.Distributed.RaftKv;
using Course.Distributed.Tests.Raft;

namespace Course.Distributed.Tests.RaftKv;

/// <summary>The key/value service on Raft: linearizable and exactly-once under faults, checked on real histories.</summary>
public class RaftKvTests
{
    [Theory]
    [InlineData(KvFaults.None)]
    [InlineData(KvFaults.Partitions)]
    [InlineData(KvFaults.Crashes)]
    [InlineData(KvFaults.Unreliable)]
    [InlineData(KvFaults.Partitions | KvFaults.Crashes | KvFaults.Unreliable)]
    [InlineData(KvFaults.Snapshots | KvFaults.Crashes | KvFaults.Unreliable)]
    public void HistoriesAreLinearizable(KvFaults faults)
    {
        SeedRuns.ForEachSeed($"KV {faults}", seed =>
        {
            var result = RaftKvScenarios.Run(seed, faults);
            Assert.True(result.Completed >= 50, $"seed {seed}: only {result.Completed} operations completed");
            Assert.True(result.IsLinearizable, $"seed {seed}: {result.Linearizability.Outcome}\n{result.Linearizability.Explain()}");
        }, seeds: SeedRuns.Count(8));
    }

    [Fact]
    public void RetriedAppendsApplyExactlyOnce()
    {
        SeedRuns.ForEachSeed("exactly once", seed =>
        {
            var c = new RaftKvCluster(3, 3, seed, reliable: false);
            // Duplicate lots of messages so servers see the same request many times.
            c.Simulation.Network = c.Simulation.Network with { DuplicationProbability = 0.3 };
            for (var i = 0; i < 3; i++)
            {
                var clerk = c.Clerk(i);
                for (var n = 0; n < 20; n++) clerk.Submit(KvOp.Append, "log", $"[{i}.{n}]");
            }
            Assert.True(c.WaitForClients(TimeSpan.FromSeconds(60)), $"seed {seed}: clients did not finish");
            Assert.True(c.Simulation.Stats.Duplicated > 0);
            c.Simulation.RunFor(TimeSpan.FromSeconds(1)); // let every replica apply
            for (var s = 0; s < 3; s++)
            {
                var value = c.Server(s).State.Data.GetValueOrDefault("log", "");
                for (var i = 0; i < 3; i++)
                    for (var n = 0; n < 20; n++)
                    {
                        var token = $"[{i}.{n}]";
                        var count = (value.Length - value.Replace(token, "").Length) / token.Length;
                        Assert.True(count == 1, $"seed {seed}: server {s} holds {token} {count} times");
                    }
            }
        }, seeds: SeedRuns.Count(10));
    }

    [Fact]
    public void ReadingFromAnyReplicaIsCaughtAsNotLinearizable()
    {
        // The counterfactual for the tests above: the same service with local reads, under partitions.
        var illegal = Enumerable.Range(1, 10)
            .Select(seed => RaftKvScenarios.Run(seed, KvFaults.Partitions, readMode: KvReadMode.LocalUnsafe))
            .Count(r => r.Linearizability.Outcome == CheckOutcome.Illegal);
        Assert.True(illegal >= 3, $"only {illegal}/10 seeds showed a stale read");
    }

    [Fact]
    public void TheCheckerWouldCatchAServiceThatReadsLocally()
    {
        // A stale read fabricated into a real history must be flagged: the KV check can fail.
        var result = RaftKvScenarios.Run(3, KvFaults.None, seconds: 2);
        var ops = result.Linearizability.History.ToList();
        var lastPut = ops.Where(o => o.Input.Operation == KeyValueOperation.Put && o.Return != Operation<KeyValueInput, string?>.NeverReturned).MaxBy(o => o.Return)!;
        ops.Add(new Operation<KeyValueInput, string?>(0, KeyValueInput.Get(lastPut.Input.Key), "stale-value-nobody-wrote", lastPut.Return + 1, lastPut.Return + 2));
        var verdict = LinearizabilityChecker.Check(new KeyValueModel(), ops, TimeSpan.FromSeconds(10));
        Assert.Equal(CheckOutcome.Illegal, verdict.Outcome);
    }
}

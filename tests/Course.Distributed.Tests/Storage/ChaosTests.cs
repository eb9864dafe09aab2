using Course.Distributed.Storage;
using Course.Distributed.Tests.Raft;
using Course.Simulation;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Storage;

/// <summary>
/// Appends and reads on a lossy, duplicating, reordering network while chunk servers crash, restart and get
/// cut off. The file system may refuse or fail an append; it may never report one that then reads back wrong.
/// </summary>
public class ChaosTests(ITestOutputHelper output)
{
    private static readonly NetworkConditions Lossy = new()
    {
        Latency = Latency.Uniform(TimeSpan.FromMilliseconds(0.1), TimeSpan.FromMilliseconds(3)),
        LossProbability = 0.03,
        DuplicationProbability = 0.03,
        LongDelayProbability = 0.01,
        LongDelay = TimeSpan.FromMilliseconds(600),
    };

    [Fact]
    public void EveryReportedAppendReadsBackAndNoFailedOneShows()
    {
        int ok = 0, failed = 0, faults = 0, unavailable = 0;
        SeedRuns.ForEachSeed(nameof(EveryReportedAppendReadsBackAndNoFailedOneShows), seed =>
        {
            var cluster = new DfsCluster(new DfsClusterOptions { Seed = seed, ChunkServers = 6, Dfs = DfsRuns.SmallChunks, Network = Lossy });
            var random = new Random(DeterministicRandom.DeriveSeed(seed, 99));
            var model = new Dictionary<string, byte[]>();
            for (var f = 0; f < 3; f++)
            {
                var write = cluster.Write($"/chaos/{f}", []);
                if (write.Succeeded) model[$"/chaos/{f}"] = [];
            }
            var down = new HashSet<NodeId>();
            for (var step = 0; step < 12; step++)
            {
                // A fault now and then: crash or cut off a server (at most two at a time), or bring one back.
                var roll = random.NextDouble();
                var server = cluster.ChunkServers[random.Next(cluster.ChunkServers.Count)];
                if (roll < 0.3 && down.Count < 2 && down.Add(server))
                {
                    faults++;
                    if (random.Next(2) == 0) cluster.Crash(server); else cluster.Disconnect(server);
                }
                else if (roll < 0.5 && down.Count > 0)
                {
                    var back = down.First();
                    down.Remove(back);
                    cluster.Connect(back);
                    cluster.Restart(back);
                }
                if (model.Count == 0) break;
                var path = model.Keys.ElementAt(random.Next(model.Count));
                var more = DfsRuns.Bytes(seed, 1000 + step, random.Next(1, 3 * 8192));
                var append = cluster.Begin(0, c => c.Append(path, more));
                if (random.Next(3) == 0)
                {
                    var victim = cluster.ChunkServers[random.Next(cluster.ChunkServers.Count)];
                    if (down.Count < 2 && down.Add(victim))
                    {
                        faults++;
                        cluster.Simulation.Schedule(TimeSpan.FromMilliseconds(random.NextDouble() * 30), () => cluster.Crash(victim));
                    }
                }
                cluster.Await(append);
                if (append.Succeeded) { model[path] = [.. model[path], .. more]; ok++; }
                else failed++;
                unavailable += Check(cluster, model, mayBeUnavailable: true);
            }
            foreach (var s in cluster.ChunkServers) { cluster.Connect(s); cluster.Restart(s); }
            cluster.Network = NetworkConditions.Reliable;
            Assert.True(cluster.RunUntilReplicated(TimeSpan.FromSeconds(10)), $"seed {seed}: did not settle\n{cluster.Describe()}");
            Check(cluster, model, mayBeUnavailable: false);
        }, seeds: SeedRuns.Count(12));
        output.WriteLine($"{ok} appends succeeded, {failed} failed cleanly, {faults} faults, {unavailable} reads unavailable while servers were down");
        Assert.True(ok > 3 * failed, $"{ok} succeeded, {failed} failed: too fragile");
    }

    /// <summary>
    /// Reads every file and compares it with the model. While servers are down a file may be unavailable (its
    /// only up-to-date replica may be on one of them): that is allowed; a read that succeeds must be exact.
    /// </summary>
    private static int Check(DfsCluster cluster, Dictionary<string, byte[]> model, bool mayBeUnavailable)
    {
        var unavailable = 0;
        foreach (var (path, expected) in model)
        {
            var read = cluster.Read(path);
            for (var attempt = 1; attempt < 3 && !read.Succeeded; attempt++) read = cluster.Read(path);
            if (!read.Succeeded && mayBeUnavailable && read.Error == DfsError.DataUnavailable)
            {
                unavailable++;
                continue;
            }
            DfsRuns.Succeeded(cluster, read);
            Assert.True(expected.AsSpan().SequenceEqual(read.Data), $"seed {cluster.Seed}: {path} reads {read.Data!.Length} B, expected {expected.Length} B\n{cluster.Describe()}");
        }
        return unavailable;
    }
}

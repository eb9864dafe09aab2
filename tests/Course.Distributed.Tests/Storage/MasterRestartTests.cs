using Course.Distributed.Storage;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Storage;

public class MasterRestartTests(ITestOutputHelper output)
{
    /// <summary>
    /// GFS §2.6: the namespace and chunk versions are persisted; replica locations are not — a restarted master
    /// asks nothing, it waits for heartbeats. Safe mode keeps it from granting leases or moving replicas
    /// until old leases are over and the servers have reported.
    /// </summary>
    [Fact]
    public void ARestartedMasterRelearnsLocationsFromHeartbeatsAndKeepsEveryFile()
    {
        var cluster = DfsRuns.Cluster(71);
        var files = ReReplicationTests.WriteFiles(cluster, 71, 5);
        DfsRuns.Succeeded(cluster, cluster.MakeDirectory("/empty/dir"));
        var before = cluster.Chunks().Select(c => (c.Handle, c.Version, Replicas: string.Join(",", c.Copies.Select(r => r.Server).Order()))).ToArray();

        cluster.Crash(cluster.MasterNode);
        Assert.DoesNotContain(cluster.Chunks(), c => c.LiveReplicas > 0); // from the checkpoint: versions known, locations not
        cluster.Restart(cluster.MasterNode);
        var master = cluster.Master!;
        Assert.True(master.InSafeMode);
        Assert.All(master.Chunks.Values, c => Assert.Empty(c.Replicas));

        // Reads work as soon as heartbeats arrive, long before safe mode ends.
        foreach (var (path, data) in files) DfsRuns.ReadsBack(cluster, path, data);
        Assert.True(master.InSafeMode);
        Assert.Equal(before, cluster.Chunks().Select(c => (c.Handle, c.Version, string.Join(",", c.Copies.Select(r => r.Server).Order()))));
        Assert.Equal(["dir/"], cluster.List("/empty").Entries!.Select(e => e.ToString()));

        // A write waits out safe mode, then goes through.
        var more = DfsRuns.Bytes(71, 99, 9000);
        var append = cluster.Append(files[0].Path, more);
        DfsRuns.Succeeded(cluster, append);
        Assert.True(append.Latency >= cluster.Dfs.SafeModeDuration / 2, $"the append did not wait for safe mode: {append}");
        DfsRuns.ReadsBack(cluster, files[0].Path, [.. files[0].Data, .. more]);
        Assert.Equal(0, cluster.Counters.ClonesStarted);
        output.WriteLine(append.ToString());
    }

    [Fact]
    public void AMasterCrashDuringAnAppendLosesNothingCommitted()
    {
        var cluster = DfsRuns.Cluster(72);
        var start = DfsRuns.Bytes(72, 0, 12_000);
        DfsRuns.Succeeded(cluster, cluster.Write("/m", start));
        var more = DfsRuns.Bytes(72, 1, 20_000);
        var append = cluster.Begin(0, c => c.Append("/m", more));
        cluster.Simulation.Schedule(TimeSpan.FromMilliseconds(15), () => cluster.Crash(cluster.MasterNode));
        cluster.Simulation.Schedule(TimeSpan.FromMilliseconds(400), () => cluster.Restart(cluster.MasterNode));
        cluster.Await(append);
        DfsRuns.ReadsBack(cluster, "/m", append.Succeeded ? [.. start, .. more] : start);
        Assert.True(cluster.RunUntilReplicated(TimeSpan.FromSeconds(5)), cluster.Describe());
        output.WriteLine(append.ToString());
    }
}
